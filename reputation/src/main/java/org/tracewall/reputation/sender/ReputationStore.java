package org.tracewall.reputation.sender;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

import org.tracewall.core.store.StateStore;
import org.tracewall.core.store.StoreUnavailableException;

/**
 * Learned reputation in the state store (memory, embedded file, or Redis shared by the nodes):
 * per feature one key holding its decayed good and bad counts and when they were last decayed, so
 * that a lookup is one read per feature and an outcome one read and one write. Two nodes
 * recording the same feature at the same instant may lose one outcome (read, then write): a
 * reputation is a trend, not an account. Keys expire after ten half-lives without news (by then
 * every count is under a thousandth of what it was). Methods may throw
 * {@code StoreUnavailableException}: callers then give no symbol and learn nothing.
 */
public final class ReputationStore {
    private static final String KEY = "tracewall:rep:";

    /** What a message's outcome says of its features. */
    public enum Outcome { GOOD, BAD }

    private final StateStore store;
    private final ReputationConfig config;
    private final LongSupplier clock;
    private final Duration expiry;

    public ReputationStore(StateStore store, ReputationConfig config, LongSupplier clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.expiry = config.halfLife().multipliedBy(10);
    }

    /** The reputation of each feature, decayed to now; unknown features are left out. */
    public Map<String, Reputation> lookup(ReputationFeatures features) {
        Map<String, Reputation> known = new LinkedHashMap<>();
        long now = clock.getAsLong();
        for (String key : features.keys()) {
            read(key).map(stored -> decayed(stored, now)).ifPresent(reputation -> known.put(key, reputation));
        }
        return known;
    }

    /** Counts an outcome for every feature of the message. */
    public void record(ReputationFeatures features, Outcome outcome) {
        long now = clock.getAsLong();
        for (String key : features.keys()) {
            Reputation before = read(key).map(stored -> decayed(stored, now)).orElse(Reputation.UNKNOWN);
            Reputation after = outcome == Outcome.GOOD ? new Reputation(before.good() + 1, before.bad())
                : new Reputation(before.good(), before.bad() + 1);
            store.put(KEY + key, fourDecimals(after.good()) + " " + fourDecimals(after.bad()) + " " + now, expiry);
        }
    }

    /**
     * Counts a user's word on one delivered mail ({@link StampedOrigin}) once: a report of an altered
     * copy, or of the same mail by another recipient, teaches nothing more. The lesson is kept as long
     * as the outcomes it adds.
     *
     * @return whether it was taught (false: taught before)
     * @throws StoreUnavailableException when the store does not answer: then nothing was taught, and it may be taught again
     */
    public boolean recordOnce(StampedOrigin origin, Outcome outcome) {
        String lesson = KEY + "lesson:" + origin.id();
        if (!store.putIfAbsent(lesson, outcome.name(), expiry)) {
            return false;
        }
        try {
            record(origin.features(), outcome);
            return true;
        } catch (StoreUnavailableException e) {
            forget(lesson);
            throw e;
        }
    }

    private void forget(String lesson) {
        try {
            store.delete(lesson);
        } catch (StoreUnavailableException e) {
            // The store is down: the lesson stays marked as taught, which loses one outcome, never adds a false one.
        }
    }

    /** The worst feature that is known well enough ({@code reputation.minWeight}), if any. */
    public Optional<Map.Entry<String, Reputation>> worst(Map<String, Reputation> reputations) {
        return reputations.entrySet().stream().filter(e -> knownEnough(e.getValue()))
            .max(Map.Entry.comparingByValue(Comparator.comparingDouble(Reputation::score)));
    }

    /** The best feature that is known well enough, if any. */
    public Optional<Map.Entry<String, Reputation>> best(Map<String, Reputation> reputations) {
        return reputations.entrySet().stream().filter(e -> knownEnough(e.getValue()))
            .min(Map.Entry.comparingByValue(Comparator.comparingDouble(Reputation::score)));
    }

    /** minWeight outcomes, the last of them a moment ago: decay since then must not leave them a hair short. */
    private boolean knownEnough(Reputation reputation) {
        return reputation.weight() + 1e-3 >= config.minWeight();
    }

    private Optional<double[]> read(String key) {
        return store.get(KEY + key).map(value -> {
            String[] parts = value.split(" ");
            return new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2])};
        });
    }

    /** Short values in the store; not String.format, which parses its pattern on every call and showed in the SMTP profile. */
    private static String fourDecimals(double count) {
        return Double.toString(Math.round(count * 10_000) / 10_000.0);
    }

    private Reputation decayed(double[] stored, long now) {
        double halfLives = Math.max(0, now - (long) stored[2]) / (double) config.halfLife().toMillis();
        double factor = Math.pow(0.5, halfLives);
        return new Reputation(stored[0] * factor, stored[1] * factor);
    }

}
