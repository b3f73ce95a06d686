package org.tracewall.core.score;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
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
    private static final String SET = "tracewall:score:overrides";
    private static final String VALUE = "tracewall:score:override:";
    /** Overrides are settings, not cache entries: kept until removed (a century, for the stores that need a lifetime). */
    private static final Duration KEPT = Duration.ofDays(365L * 100);
    private static final Logger LOGGER = LoggerFactory.getLogger(LiveScoreConfig.class);

    private final Map<String, String> file;
    private final Supplier<StateStore> store;
    private final LongSupplier clock;
    private volatile Snapshot snapshot;

    /**
     * @param file the score.* keys of tracewall.properties (other keys are ignored)
     * @param store where the overrides are kept (a supplier: the store opens on first use)
     */
    public LiveScoreConfig(Map<String, String> file, Supplier<StateStore> store, LongSupplier clock) {
        this.file = scoreKeys(file);
        this.store = store;
        this.clock = clock;
        this.snapshot = new Snapshot(Map.of(), ScoreConfig.read(this.file), NEVER);
    }

    /** The settings in effect now (read again from the store when the last read is older than the refresh). */
    public ScoreConfig current() {
        Snapshot last = snapshot;
        long now = clock.getAsLong();
        if (last.readAt != NEVER && now - last.readAt < REFRESH_MILLIS && now >= last.readAt) {
            return last.config;
        }
        try {
            Map<String, String> overrides = readOverrides();
            snapshot = overrides.equals(last.overrides) ? new Snapshot(last.overrides, last.config, now)
                : new Snapshot(overrides, build(overrides), now);
        } catch (StoreUnavailableException e) {
            snapshot = new Snapshot(last.overrides, last.config, now);
            LOGGER.warn("score: state store unavailable, the run-time settings last read stay in effect: {}", e.getMessage());
        } catch (IllegalArgumentException e) {
            // Written by another version, or by hand into the store: refused whole, the last good settings stay.
            snapshot = new Snapshot(last.overrides, last.config, now);
            LOGGER.error("score: the run-time settings in the state store are refused: {}", e.getMessage());
        }
        return snapshot.config;
    }

    /** The run-time overrides, by key (sorted). */
    public Map<String, String> overrides() {
        return new TreeMap<>(readOverrides());
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
    public void set(Map<String, String> settings) {
        for (String key : settings.keySet()) {
            if (!key.startsWith("score.")) {
                throw new IllegalArgumentException("Only score.* settings change at run time, not " + key);
            }
        }
        Map<String, String> overrides = new LinkedHashMap<>(readOverrides());
        overrides.putAll(settings);
        ScoreConfig config = build(overrides);
        settings.forEach((key, value) -> {
            store.get().put(VALUE + key, value, KEPT);
            store.get().addToSet(SET, key);
        });
        snapshot = new Snapshot(overrides, config, clock.getAsLong());
    }

    /** Removes overrides (the file's value, or the default, applies again); unknown keys are ignored. */
    public void remove(Collection<String> keys) {
        Map<String, String> overrides = new LinkedHashMap<>(readOverrides());
        overrides.keySet().removeAll(keys);
        ScoreConfig config = build(overrides);
        for (String key : keys) {
            store.get().removeFromSet(SET, key);
            store.get().delete(VALUE + key);
        }
        snapshot = new Snapshot(overrides, config, clock.getAsLong());
    }

    private Map<String, String> readOverrides() {
        Map<String, String> overrides = new TreeMap<>();
        for (String key : store.get().members(SET)) {
            store.get().get(VALUE + key).ifPresent(value -> overrides.put(key, value));
        }
        return overrides;
    }

    private ScoreConfig build(Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(file);
        merged.putAll(overrides);
        return ScoreConfig.read(merged);
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
