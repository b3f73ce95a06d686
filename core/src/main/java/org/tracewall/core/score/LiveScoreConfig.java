package org.tracewall.core.score;

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
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.store.StateStore;
import org.tracewall.core.store.StoreUnavailableException;

/**
 * The {@code score.*} settings in effect: those of tracewall.properties with the run-time
 * overrides an operator set (WebAdmin's score routes) on top, kept in the state store so that
 * every node applies them: each node reads them again at most every {@value #REFRESH_MILLIS} ms,
 * so a change takes effect on every node within that time, without a restart. An override is a
 * {@code score.*} key and its value, validated with the file's own (one schema, the bad key
 * named) before it is kept. A store that does not answer leaves the last settings read in effect.
 */
public final class LiveScoreConfig {
    static final long REFRESH_MILLIS = 2_000;
    /** The overrides were never read: the first message reads them (the store may not be open yet at start). */
    private static final long NEVER = Long.MIN_VALUE;
    /**
     * All overrides under one key, written whole: a write checked as a whole is what every node
     * reads, never a mix of two writes, and a refresh is one read.
     */
    static final String KEY = "tracewall:score:overrides";
    /** Overrides are settings, not cache entries: kept until removed (a century, for the stores that need a lifetime). */
    private static final Duration KEPT = Duration.ofDays(365L * 100);
    private static final Logger LOGGER = LoggerFactory.getLogger(LiveScoreConfig.class);

    private final Map<String, String> file;
    private final ScoreConfig fileConfig;
    private final Supplier<StateStore> store;
    private final LongSupplier clock;
    private final AtomicReference<Snapshot> snapshot;
    /** One thread refreshes; the others go on with the settings last read instead of waiting on the store too. */
    private final AtomicBoolean refreshing = new AtomicBoolean();

    /**
     * @param file the score.* keys of tracewall.properties (other keys are ignored)
     * @param store where the overrides are kept (a supplier: the store opens on first use)
     */
    public LiveScoreConfig(Map<String, String> file, Supplier<StateStore> store, LongSupplier clock) {
        this.file = scoreKeys(file);
        this.fileConfig = ScoreConfig.read(this.file);
        this.store = store;
        this.clock = clock;
        this.snapshot = new AtomicReference<>(new Snapshot(Map.of(), fileConfig, NEVER));
    }

    /** The settings of the file alone, without the store (the CLI's commands touch none). */
    public ScoreConfig fileConfig() {
        return fileConfig;
    }

    /** The settings in effect now (read again from the store when the last read is older than the refresh). */
    public ScoreConfig current() {
        return fresh().config;
    }

    /** The run-time overrides in effect now, by key (sorted): the ones {@link #current()} applies. */
    public Map<String, String> overrides() {
        return new TreeMap<>(fresh().overrides);
    }

    /** The score.* keys of the file. */
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
        for (String key : settings.keySet()) {
            if (!key.startsWith("score.")) {
                throw new IllegalArgumentException("Only score.* settings change at run time, not " + key);
            }
        }
        Map<String, String> overrides = new TreeMap<>(readOverrides());
        overrides.putAll(settings);
        write(overrides);
    }

    /** Removes overrides (the file's value, or the default, applies again); unknown keys are ignored. */
    public synchronized void remove(Collection<String> keys) {
        Map<String, String> overrides = new TreeMap<>(readOverrides());
        overrides.keySet().removeAll(keys);
        write(overrides);
    }

    private void write(Map<String, String> overrides) {
        ScoreConfig config = build(overrides);
        if (overrides.isEmpty()) {
            store.get().delete(KEY);
        } else {
            store.get().put(KEY, encode(overrides), KEPT);
        }
        snapshot.set(new Snapshot(overrides, config, clock.getAsLong()));
    }

    private Snapshot fresh() {
        Snapshot last = snapshot.get();
        long now = clock.getAsLong();
        boolean due = last.readAt == NEVER || now - last.readAt >= REFRESH_MILLIS || now < last.readAt;
        if (!due || !refreshing.compareAndSet(false, true)) {
            return last;
        }
        try {
            Snapshot next = refreshed(last, now);
            // A set() meanwhile wrote newer settings: keep them, not what this read saw before.
            return snapshot.compareAndSet(last, next) ? next : snapshot.get();
        } finally {
            refreshing.set(false);
        }
    }

    private Snapshot refreshed(Snapshot last, long now) {
        try {
            Map<String, String> overrides = readOverrides();
            return overrides.equals(last.overrides) ? new Snapshot(last.overrides, last.config, now)
                : new Snapshot(overrides, build(overrides), now);
        } catch (StoreUnavailableException e) {
            LOGGER.warn("score: state store unavailable, the run-time settings last read stay in effect: {}", e.getMessage());
        } catch (IllegalArgumentException e) {
            // Written by another version, or by hand into the store: refused whole, the last good settings stay.
            LOGGER.error("score: the run-time settings in the state store are refused: {}", e.getMessage());
        }
        return new Snapshot(last.overrides, last.config, now);
    }

    private Map<String, String> readOverrides() {
        return store.get().get(KEY).map(LiveScoreConfig::decode).orElse(Map.of());
    }

    private ScoreConfig build(Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(file);
        merged.putAll(overrides);
        return ScoreConfig.read(merged);
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
            throw new IllegalArgumentException("unreadable run-time score settings: " + e.getMessage(), e);
        }
        Map<String, String> overrides = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> overrides.put(key, properties.getProperty(key)));
        return overrides;
    }

    private static Map<String, String> scoreKeys(Map<String, String> properties) {
        Map<String, String> score = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            if (key.startsWith("score.")) {
                score.put(key, value);
            }
        });
        return score;
    }

    /** The overrides last read, the settings they make, and when. */
    private static final class Snapshot {
        final Map<String, String> overrides;
        final ScoreConfig config;
        final long readAt;

        Snapshot(Map<String, String> overrides, ScoreConfig config, long readAt) {
            this.overrides = overrides;
            this.config = config;
            this.readAt = readAt;
        }
    }
}
