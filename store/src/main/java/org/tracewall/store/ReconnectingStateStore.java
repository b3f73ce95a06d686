package org.tracewall.store;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.tracewall.core.store.StateStore;
import org.tracewall.core.store.StoreUnavailableException;

/**
 * Connects lazily and again after a failed attempt (at most every {@code retryEvery}), so that
 * James starts, and mail flows (fail-open), while Redis is still down. Once connected, Lettuce
 * reconnects by itself.
 */
final class ReconnectingStateStore implements StateStore {
    private final Supplier<StateStore> connector;
    private final String description;
    private final long retryEveryMillis;
    private final LongSupplier clockMillis;
    private volatile StateStore delegate;
    private long nextAttempt;

    ReconnectingStateStore(Supplier<StateStore> connector, String description, Duration retryEvery, LongSupplier clockMillis) {
        this.connector = connector;
        this.description = description;
        this.retryEveryMillis = retryEvery.toMillis();
        this.clockMillis = clockMillis;
    }

    private StateStore current() {
        StateStore store = delegate;
        if (store != null) {
            return store;
        }
        synchronized (this) {
            if (delegate == null) {
                long now = clockMillis.getAsLong();
                if (now < nextAttempt) {
                    throw new StoreUnavailableException(description + ": not connected (next attempt in "
                        + (nextAttempt - now) + " ms)", null);
                }
                try {
                    delegate = connector.get();
                } catch (StoreUnavailableException e) {
                    nextAttempt = now + retryEveryMillis;
                    throw e;
                }
            }
            return delegate;
        }
    }

    @Override
    public Optional<String> get(String key) {
        return current().get(key);
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        current().put(key, value, ttl);
    }

    @Override
    public boolean putIfAbsent(String key, String value, Duration ttl) {
        return current().putIfAbsent(key, value, ttl);
    }

    @Override
    public void delete(String key) {
        current().delete(key);
    }

    @Override
    public long increment(String key, Duration window) {
        return current().increment(key, window);
    }

    @Override
    public void addToCounters(String map, Collection<String> fields, long delta) {
        current().addToCounters(map, fields, delta);
    }

    @Override
    public Map<String, Long> counters(String map, Collection<String> fields) {
        return current().counters(map, fields);
    }

    @Override
    public void addToSet(String set, String member) {
        current().addToSet(set, member);
    }

    @Override
    public void removeFromSet(String set, String member) {
        current().removeFromSet(set, member);
    }

    @Override
    public Set<String> members(String set) {
        return current().members(set);
    }

    @Override
    public boolean isMember(String set, String member) {
        return current().isMember(set, member);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        StateStore store = delegate;
        if (store != null) {
            store.close();
        }
    }
}
