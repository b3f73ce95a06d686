package org.tracewall.core.dns;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * A bounded LRU cache of final answers that honours TTLs: positive answers live for the
 * smallest TTL of their records, negative ones for the SOA minimum, both capped by
 * {@code maxTtl}. Temporary failures are never cached, so a recovered server is asked again.
 */
final class DnsCache {
    private final int capacity;
    private final long maxTtlNanos;
    private final LongSupplier nanoClock;
    private final Map<Key, CachedAnswer> entries;

    DnsCache(int capacity, Duration maxTtl, LongSupplier nanoClock) {
        this.capacity = capacity;
        this.maxTtlNanos = maxTtl.toNanos();
        this.nanoClock = nanoClock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, CachedAnswer> eldest) {
                return size() > DnsCache.this.capacity;
            }
        };
    }

    synchronized DnsAnswer<Record> get(Name name, int type) {
        Key key = new Key(name, type);
        CachedAnswer entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (nanoClock.getAsLong() - entry.expiresAtNanos >= 0) {
            entries.remove(key);
            return null;
        }
        return entry.answer;
    }

    synchronized void put(Name name, int type, DnsAnswer<Record> answer, long ttlSeconds) {
        if (capacity == 0 || ttlSeconds <= 0 || answer.isTemporaryFailure()) {
            return;
        }
        long ttlNanos = Math.min(Duration.ofSeconds(ttlSeconds).toNanos(), maxTtlNanos);
        entries.put(new Key(name, type), new CachedAnswer(answer, nanoClock.getAsLong() + ttlNanos));
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized void clear() {
        entries.clear();
    }

    private static final class Key {
        private final Name name;
        private final int type;

        Key(Name name, int type) {
            this.name = name;
            this.type = type;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).type == type && ((Key) o).name.equals(name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, type);
        }
    }

    private static final class CachedAnswer {
        private final DnsAnswer<Record> answer;
        private final long expiresAtNanos;

        CachedAnswer(DnsAnswer<Record> answer, long expiresAtNanos) {
            this.answer = answer;
            this.expiresAtNanos = expiresAtNanos;
        }
    }
}
