package org.tracewall.store;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.tracewall.core.store.StateStore;
import org.tracewall.core.store.StoreUnavailableException;

/**
 * Connects lazily and again after a failed attempt (at most every {@code retryEvery}), so that
 * James starts, and mail flows (fail-open), while Redis is still down. Once connected, Lettuce
 * reconnects by itself; meanwhile every failed command opens a breaker for {@code breakFor}, during
 * which calls fail at once instead of each waiting for its timeout. Without it, a Redis that stops
 * answering costs every SMTP transaction one timeout per store call (measured: 9 transactions/s
 * and a 4 s p99 during an outage, against 495/s).
 */
final class ReconnectingStateStore implements StateStore {
    private final Supplier<StateStore> connector;
    private final String description;
    private final long retryEveryMillis;
    private final long breakForMillis;
    private final LongSupplier clockMillis;
    private volatile StateStore delegate;
    private volatile long brokenUntil;
    private long nextAttempt;

    ReconnectingStateStore(Supplier<StateStore> connector, String description, Duration retryEvery, Duration breakFor,
                           LongSupplier clockMillis) {
        this.connector = connector;
        this.description = description;
        this.retryEveryMillis = retryEvery.toMillis();
        this.breakForMillis = breakFor.toMillis();
        this.clockMillis = clockMillis;
    }

    private StateStore current() {
        StateStore store = delegate;
        if (store != null) {
            long wait = brokenUntil - clockMillis.getAsLong();
            if (wait > 0) {
                throw new StoreUnavailableException(description + ": failing fast after an error (for " + wait + " ms more)", null);
            }
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

    /** Runs one store call; a failure opens the breaker. */
    private <T> T call(Function<StateStore, T> action) {
        StateStore store = current();
        try {
            return action.apply(store);
        } catch (StoreUnavailableException e) {
            brokenUntil = clockMillis.getAsLong() + breakForMillis;
            throw e;
        }
    }

    private void run(Consumer<StateStore> action) {
        call(store -> {
            action.accept(store);
            return null;
        });
    }

    @Override
    public Optional<String> get(String key) {
        return call(store -> store.get(key));
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        run(store -> store.put(key, value, ttl));
    }

    @Override
    public boolean putIfAbsent(String key, String value, Duration ttl) {
        return call(store -> store.putIfAbsent(key, value, ttl));
    }

    @Override
    public void delete(String key) {
        run(store -> store.delete(key));
    }

    @Override
    public long increment(String key, long delta, Duration window) {
        return call(store -> store.increment(key, delta, window));
    }

    @Override
    public void addToCounters(String map, Collection<String> fields, long delta) {
        run(store -> store.addToCounters(map, fields, delta));
    }

    @Override
    public Map<String, Long> counters(String map, Collection<String> fields) {
        return call(store -> store.counters(map, fields));
    }

    @Override
    public Map<String, Long> allCounters(String map) {
        return call(store -> store.allCounters(map));
    }

    @Override
    public void deleteCounters(String map) {
        run(store -> store.deleteCounters(map));
    }

    @Override
    public void addToSet(String set, String member) {
        run(store -> store.addToSet(set, member));
    }

    @Override
    public void removeFromSet(String set, String member) {
        run(store -> store.removeFromSet(set, member));
    }

    @Override
    public Set<String> members(String set) {
        return call(store -> store.members(set));
    }

    @Override
    public boolean isMember(String set, String member) {
        return call(store -> store.isMember(set, member));
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
