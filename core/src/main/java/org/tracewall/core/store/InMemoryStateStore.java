package org.tracewall.core.store;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** A {@link StateStore} in this JVM's memory: for tests and single-node setups that may lose state. */
public class InMemoryStateStore implements StateStore {
    private final LongSupplier clockMillis;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> sets = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Long>> counters = new ConcurrentHashMap<>();

    public InMemoryStateStore() {
        this(System::currentTimeMillis);
    }

    public InMemoryStateStore(LongSupplier clockMillis) {
        this.clockMillis = Objects.requireNonNull(clockMillis);
    }

    @Override
    public Optional<String> get(String key) {
        Entry entry = entries.get(key);
        if (entry == null || entry.expired(clockMillis.getAsLong())) {
            return Optional.empty();
        }
        return Optional.of(entry.value);
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        entries.put(key, new Entry(value, clockMillis.getAsLong() + ttl.toMillis()));
    }

    @Override
    public boolean putIfAbsent(String key, String value, Duration ttl) {
        long now = clockMillis.getAsLong();
        Entry fresh = new Entry(value, now + ttl.toMillis());
        boolean[] stored = {false};
        entries.compute(key, (k, old) -> {
            if (old == null || old.expired(now)) {
                stored[0] = true;
                return fresh;
            }
            return old;
        });
        return stored[0];
    }

    @Override
    public void delete(String key) {
        entries.remove(key);
    }

    @Override
    public long increment(String key, long delta, Duration window) {
        long now = clockMillis.getAsLong();
        Entry updated = entries.compute(key, (k, old) -> old == null || old.expired(now)
            ? new Entry(Long.toString(delta), now + window.toMillis())
            : new Entry(Long.toString(Long.parseLong(old.value) + delta), old.expiresAt));
        return Long.parseLong(updated.value);
    }

    @Override
    public void addToCounters(String map, Collection<String> fields, long delta) {
        Map<String, Long> counts = counters.computeIfAbsent(map, m -> new ConcurrentHashMap<>());
        fields.forEach(field -> counts.merge(field, delta, Long::sum));
    }

    @Override
    public Map<String, Long> allCounters(String map) {
        return new HashMap<>(counters.getOrDefault(map, Map.of()));
    }

    @Override
    public void deleteCounters(String map) {
        counters.remove(map);
    }

    @Override
    public Map<String, Long> counters(String map, Collection<String> fields) {
        Map<String, Long> counts = counters.getOrDefault(map, Map.of());
        Map<String, Long> found = new HashMap<>();
        for (String field : fields) {
            Long count = counts.get(field);
            if (count != null) {
                found.put(field, count);
            }
        }
        return found;
    }

    @Override
    public void addToSet(String set, String member) {
        sets.computeIfAbsent(set, s -> ConcurrentHashMap.newKeySet()).add(member);
    }

    @Override
    public void removeFromSet(String set, String member) {
        sets.getOrDefault(set, Set.of()).remove(member);
    }

    @Override
    public Set<String> members(String set) {
        return Set.copyOf(sets.getOrDefault(set, Set.of()));
    }

    @Override
    public boolean isMember(String set, String member) {
        return sets.getOrDefault(set, Set.of()).contains(member);
    }

    @Override
    public String describe() {
        return "memory";
    }

    private static final class Entry {
        private final String value;
        private final long expiresAt;

        Entry(String value, long expiresAt) {
            this.value = value;
            this.expiresAt = expiresAt;
        }

        boolean expired(long now) {
            return now >= expiresAt;
        }
    }
}
