package org.tracewall.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.tracewall.core.store.StateStore;
import org.tracewall.core.store.StoreUnavailableException;

/**
 * The default {@link StateStore}: one file on local disk, kept with H2's MVStore (a pure-Java,
 * embedded, crash-safe key-value store; no server to run, survives restarts). One James node
 * owns the file; use Redis to share state between nodes. Values carry their expiry time;
 * expired entries are ignored when read and swept out periodically.
 */
public final class MvStoreStateStore implements StateStore {
    private static final char SEPARATOR = '\u0000';
    private static final int SWEEP_EVERY_WRITES = 10_000;

    private final Path file;
    private final MVStore store;
    private final MVMap<String, String> values;
    private final MVMap<String, String> sets;
    private final MVMap<String, Long> counters;
    private final LongSupplier clockMillis;
    private int writesSinceSweep;

    private MvStoreStateStore(Path file, MVStore store, LongSupplier clockMillis) {
        this.file = file;
        this.store = store;
        this.values = store.openMap("values");
        this.sets = store.openMap("sets");
        this.counters = store.openMap("counters");
        this.clockMillis = clockMillis;
    }

    /**
     * Opens (or creates) the store file.
     *
     * @throws IOException when the file cannot be opened, e.g. another process holds it
     */
    public static MvStoreStateStore open(Path file) throws IOException {
        return open(file, System::currentTimeMillis);
    }

    /** As {@link #open(Path)}, expiring entries by the given clock. */
    public static MvStoreStateStore open(Path file, LongSupplier clockMillis) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try {
            MVStore store = new MVStore.Builder().fileName(file.toString()).compress().open();
            return new MvStoreStateStore(file, store, clockMillis);
        } catch (RuntimeException e) {
            throw new IOException("Cannot open the Tracewall state file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Optional<String> get(String key) {
        return guarded(() -> live(values.get(key)));
    }

    @Override
    public synchronized void put(String key, String value, Duration ttl) {
        guarded(() -> values.put(key, encode(value, ttl)));
        written();
    }

    @Override
    public synchronized boolean putIfAbsent(String key, String value, Duration ttl) {
        boolean absent = guarded(() -> live(values.get(key)).isEmpty());
        if (absent) {
            put(key, value, ttl);
        }
        return absent;
    }

    @Override
    public synchronized void delete(String key) {
        guarded(() -> values.remove(key));
        written();
    }

    @Override
    public synchronized long increment(String key, long delta, Duration window) {
        long now = clockMillis.getAsLong();
        String raw = guarded(() -> values.get(key));
        long count;
        long expiresAt;
        if (raw == null || expiresAt(raw) <= now) {
            count = delta;
            expiresAt = now + window.toMillis();
        } else {
            count = Long.parseLong(value(raw)) + delta;
            expiresAt = expiresAt(raw);
        }
        String encoded = expiresAt + "|" + count;
        guarded(() -> values.put(key, encoded));
        written();
        return count;
    }

    @Override
    public synchronized void addToCounters(String map, Collection<String> fields, long delta) {
        guarded(() -> {
            for (String field : fields) {
                counters.merge(map + SEPARATOR + field, delta, Long::sum);
            }
            return null;
        });
        written();
    }

    @Override
    public synchronized Map<String, Long> allCounters(String map) {
        return guarded(() -> {
            Map<String, Long> found = new HashMap<>();
            String prefix = map + SEPARATOR;
            // Keys are sorted: the map's counters are the run of keys from its prefix on.
            for (Iterator<String> keys = counters.keyIterator(prefix); keys.hasNext();) {
                String key = keys.next();
                if (!key.startsWith(prefix)) {
                    break;
                }
                found.put(key.substring(prefix.length()), counters.get(key));
            }
            return found;
        });
    }

    @Override
    public synchronized void deleteCounters(String map) {
        guarded(() -> {
            for (String field : allCounters(map).keySet()) {
                counters.remove(map + SEPARATOR + field);
            }
            return null;
        });
        written();
    }

    @Override
    public synchronized Map<String, Long> counters(String map, Collection<String> fields) {
        return guarded(() -> {
            Map<String, Long> found = new HashMap<>();
            for (String field : fields) {
                Long count = counters.get(map + SEPARATOR + field);
                if (count != null) {
                    found.put(field, count);
                }
            }
            return found;
        });
    }

    @Override
    public synchronized void addToSet(String set, String member) {
        guarded(() -> sets.put(set + SEPARATOR + member, ""));
        written();
    }

    @Override
    public synchronized void removeFromSet(String set, String member) {
        guarded(() -> sets.remove(set + SEPARATOR + member));
        written();
    }

    @Override
    public synchronized Set<String> members(String set) {
        String prefix = set + SEPARATOR;
        return guarded(() -> {
            Set<String> members = new HashSet<>();
            Iterator<String> keys = sets.keyIterator(prefix);
            while (keys.hasNext()) {
                String key = keys.next();
                if (!key.startsWith(prefix)) {
                    break;
                }
                members.add(key.substring(prefix.length()));
            }
            return Set.copyOf(members);
        });
    }

    @Override
    public synchronized boolean isMember(String set, String member) {
        return guarded(() -> sets.containsKey(set + SEPARATOR + member));
    }

    @Override
    public String describe() {
        return "embedded " + file;
    }

    @Override
    public synchronized void close() {
        if (!store.isClosed()) {
            store.close();
        }
    }

    /** Commits, and now and then removes expired values. */
    private void written() {
        guarded(store::commit);
        if (++writesSinceSweep >= SWEEP_EVERY_WRITES) {
            writesSinceSweep = 0;
            long now = clockMillis.getAsLong();
            guarded(() -> {
                for (Map.Entry<String, String> entry : values.entrySet()) {
                    if (expiresAt(entry.getValue()) <= now) {
                        values.remove(entry.getKey());
                    }
                }
                return store.commit();
            });
        }
    }

    private Optional<String> live(String raw) {
        if (raw == null || expiresAt(raw) <= clockMillis.getAsLong()) {
            return Optional.empty();
        }
        return Optional.of(value(raw));
    }

    private String encode(String value, Duration ttl) {
        return (clockMillis.getAsLong() + ttl.toMillis()) + "|" + value;
    }

    private static long expiresAt(String raw) {
        return Long.parseLong(raw.substring(0, raw.indexOf('|')));
    }

    private static String value(String raw) {
        return raw.substring(raw.indexOf('|') + 1);
    }

    private <T> T guarded(Supplier<T> action) {
        if (store.isClosed()) {
            throw new StoreUnavailableException("embedded store " + file + " is closed", null);
        }
        try {
            return action.get();
        } catch (RuntimeException e) {
            // MVStore reports a full disk, a closed store or a damaged file as runtime exceptions.
            throw new StoreUnavailableException("embedded store " + file + ": " + e.getMessage(), e);
        }
    }
}
