package org.tracewall.core.store;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Shared state for stateful checks (greylist triplets, counters, run-time lists): keys with a
 * time to live, counters that count within a time window, and sets. Implementations: in
 * memory (tests, one node), an embedded file (the default: survives a restart) and Redis
 * (several James nodes share it). Every method may throw {@link StoreUnavailableException};
 * callers fail open on it, because a store that is down must never block mail.
 */
public interface StateStore extends AutoCloseable {

    Optional<String> get(String key);

    void put(String key, String value, Duration ttl);

    /** Stores the value only if the key is absent (or expired); true when it did. */
    boolean putIfAbsent(String key, String value, Duration ttl);

    void delete(String key);

    /**
     * Adds one to a counter and returns the new count. The first increment opens a window of
     * the given length; when it ends the counter starts again from zero.
     */
    default long increment(String key, Duration window) {
        return increment(key, 1, window);
    }

    /** As {@link #increment(String, Duration)}, adding {@code delta} (at least 1). */
    long increment(String key, long delta, Duration window);

    void addToSet(String set, String member);

    void removeFromSet(String set, String member);

    Set<String> members(String set);

    boolean isMember(String set, String member);

    /**
     * Adds {@code delta} to the counter of each field of a counter map (a missing field starts at
     * zero; counters never expire). Each field's update is atomic, the batch as a whole is not.
     * One round trip for the batch, because a Bayes model updates thousands of tokens at once.
     */
    void addToCounters(String map, Collection<String> fields, long delta);

    /** The counters of those fields that exist, in one round trip; missing fields are left out. */
    Map<String, Long> counters(String map, Collection<String> fields);

    /** Every counter of a map (for maps an operator reads whole, such as the hourly statistics: not a Bayes model). */
    Map<String, Long> allCounters(String map);

    /** Removes a counter map and all its counters. */
    void deleteCounters(String map);

    /** "memory", "embedded /var/...", "redis redis://..." for logs and status pages. */
    String describe();

    @Override
    default void close() {
    }
}
