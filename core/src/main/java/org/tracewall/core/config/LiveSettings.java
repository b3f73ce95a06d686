package org.tracewall.core.config;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.store.StateStore;
import org.tracewall.core.store.StoreUnavailableException;

/**
 * The settings of one section of tracewall.properties in effect ({@code score.*},
 * {@code dnsbl.*}, {@code honeypot.*}), as the part they make ({@code T}): the file's settings with
 * the run-time overrides an operator set (WebAdmin) on top, kept in the state store so that every
 * node applies them: each node reads them again at most every {@value #REFRESH_MILLIS} ms, so a
 * change takes effect on every node within that time, without a restart. An override is a key of
 * the section and its value, read with the file's own schema (the bad key named) before it is
 * kept; the part is built again only when the overrides change. A store that does not answer
 * leaves the last settings read in effect.
 *
 * @param <T> what the section's settings make: its config, or the check built from it
 */
public final class LiveSettings<T> {
    public static final long REFRESH_MILLIS = 2_000;
    /** The overrides were never read: the first use reads them (the store may not be open yet at start). */
    private static final long NEVER = Long.MIN_VALUE;
    /** Overrides are settings, not cache entries: kept until removed (a century, for the stores that need a lifetime). */
    private static final Duration KEPT = Duration.ofDays(365L * 100);
    private static final Logger LOGGER = LoggerFactory.getLogger(LiveSettings.class);

    private final String prefix;
    /**
     * All overrides of the section under one key ({@code tracewall:score:overrides}), written whole:
     * a write checked as a whole is what every node reads, never a mix of two writes, and a refresh
     * is one read.
     */
    private final String key;
    private final Map<String, String> file;
    private final Function<Map<String, String>, T> reader;
    private final T fileValue;
    private final Supplier<StateStore> store;
    private final LongSupplier clock;
    private final AtomicReference<Snapshot<T>> snapshot;
    /** One thread refreshes; the others go on with the settings last read instead of waiting on the store too. */
    private final AtomicBoolean refreshing = new AtomicBoolean();
    /** The last refusal logged, so that each is logged once. */
    private volatile String lastRefused = "";

    /**
     * @param prefix the section's prefix ("score.")
     * @param properties tracewall.properties (the keys of other sections are ignored)
     * @param reader builds the part from the section's keys
     * @param store where the overrides are kept (a supplier: the store opens on first use)
     */
    public LiveSettings(String prefix, Map<String, String> properties, Function<Map<String, String>, T> reader, Supplier<StateStore> store,
                        LongSupplier clock) {
        this.prefix = prefix;
        this.key = "tracewall:" + prefix.substring(0, prefix.length() - 1) + ":overrides";
        this.file = sectionKeys(prefix, properties);
        this.reader = reader;
        this.fileValue = reader.apply(this.file);
        this.store = store;
        this.clock = clock;
        this.snapshot = new AtomicReference<>(new Snapshot<>(Map.of(), fileValue, NEVER));
    }

    /** What the file alone makes, without the store (the CLI's commands touch none). */
    public T fileValue() {
        return fileValue;
    }

    /** What the settings in effect make now (read again from the store when the last read is older than the refresh). */
    public T current() {
        return fresh().value;
    }

    /** The run-time overrides in effect now, by key (sorted). */
    public Map<String, String> overrides() {
        return new TreeMap<>(fresh().overrides);
    }

    /** The section's keys in the file. */
    public Map<String, String> fileSettings() {
        return new TreeMap<>(file);
    }

    /**
     * Sets overrides, all or none: the file's settings with every override, these included, must
     * read as a valid score section. This node applies them at once, the others within the refresh.
     *
     * @throws IllegalArgumentException naming the bad key (nothing is kept then)
     */
    public synchronized void set(Map<String, String> settings) {
        checkPrefix(settings);
        Map<String, String> overrides = new TreeMap<>(readOverrides());
        overrides.putAll(settings);
        write(overrides);
    }

    /**
     * Sets overrides computed from the settings in effect as the store holds them now (not as the
     * last refresh read them): a list changed entry by entry (a trap added) keeps what another
     * change just added. Two nodes writing in the same instant can still lose one of the two.
     *
     * @throws IllegalArgumentException naming the bad key (nothing is kept then)
     */
    public synchronized void update(Function<T, Map<String, String>> changes) {
        Map<String, String> overrides = new TreeMap<>(readOverrides());
        Map<String, String> settings = changes.apply(build(overrides));
        checkPrefix(settings);
        overrides.putAll(settings);
        write(overrides);
    }

    private void checkPrefix(Map<String, String> settings) {
        for (String name : settings.keySet()) {
            if (!name.startsWith(prefix)) {
                throw new IllegalArgumentException("Only " + prefix + "* settings change here, not " + name);
            }
        }
    }

    /** Removes overrides (the file's value, or the default, applies again); unknown keys are ignored. */
    public synchronized void remove(Collection<String> keys) {
        Map<String, String> overrides = new TreeMap<>(readOverrides());
        overrides.keySet().removeAll(keys);
        write(overrides);
    }

    private void write(Map<String, String> overrides) {
        T value = build(overrides);
        if (overrides.isEmpty()) {
            store.get().delete(key);
        } else {
            store.get().put(key, encode(overrides), KEPT);
        }
        snapshot.set(new Snapshot<>(overrides, value, clock.getAsLong()));
    }

    private Snapshot<T> fresh() {
        Snapshot<T> last = snapshot.get();
        long now = clock.getAsLong();
        boolean due = last.readAt == NEVER || now - last.readAt >= REFRESH_MILLIS || now < last.readAt;
        if (!due || !refreshing.compareAndSet(false, true)) {
            return last;
        }
        try {
            Snapshot<T> next = refreshed(last, now);
            // A set() meanwhile wrote newer settings: keep them, not what this read saw before.
            return snapshot.compareAndSet(last, next) ? next : snapshot.get();
        } finally {
            refreshing.set(false);
        }
    }

    private Snapshot<T> refreshed(Snapshot<T> last, long now) {
        try {
            Map<String, String> overrides = readOverrides();
            return overrides.equals(last.overrides) ? new Snapshot<>(last.overrides, last.value, now)
                : new Snapshot<>(overrides, build(overrides), now);
        } catch (StoreUnavailableException e) {
            LOGGER.warn("{}*: state store unavailable, the run-time settings last read stay in effect: {}", prefix, e.getMessage());
        } catch (IllegalArgumentException e) {
            // Written by another version, by hand, or valid with another node's file: refused whole, the
            // last good settings stay. Said once per refused text, not at every refresh.
            String refused = e.getMessage();
            if (!refused.equals(lastRefused)) {
                lastRefused = refused;
                LOGGER.error("{}*: the run-time settings in the state store are refused: {}", prefix, refused);
            }
        }
        return new Snapshot<>(last.overrides, last.value, now);
    }

    private Map<String, String> readOverrides() {
        return store.get().get(key).map(LiveSettings::decode).orElse(Map.of());
    }

    private T build(Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(file);
        merged.putAll(overrides);
        return reader.apply(merged);
    }

    /** As a properties file (its escapes keep any pattern whole). */
    private static String encode(Map<String, String> overrides) {
        Properties properties = new Properties();
        properties.putAll(overrides);
        StringWriter text = new StringWriter();
        try {
            properties.store(text, null);
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return text.toString();
    }

    private static Map<String, String> decode(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("unreadable run-time settings: " + e.getMessage(), e);
        }
        Map<String, String> overrides = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> overrides.put(key, properties.getProperty(key)));
        return overrides;
    }

    private static Map<String, String> sectionKeys(String prefix, Map<String, String> properties) {
        Map<String, String> section = new LinkedHashMap<>();
        properties.forEach((name, value) -> {
            if (name.startsWith(prefix)) {
                section.put(name, value);
            }
        });
        return section;
    }

    /** The overrides last read, what they make, and when. */
    private static final class Snapshot<T> {
        final Map<String, String> overrides;
        final T value;
        final long readAt;

        Snapshot(Map<String, String> overrides, T value, long readAt) {
            this.overrides = overrides;
            this.value = value;
            this.readAt = readAt;
        }
    }
}
