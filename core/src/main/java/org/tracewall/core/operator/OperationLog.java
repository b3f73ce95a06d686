package org.tracewall.core.operator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.store.FailOpen;
import org.tracewall.core.store.StateStore;
import org.tracewall.core.store.StoreUnavailableException;

/**
 * The operation log: every change made through WebAdmin or the dashboard, and every sign-in, in
 * the state store (so that every node writes to one log, and a restart keeps it). One counter map
 * per day ({@code tracewall:operations:20261204}) whose fields are the day's entries: the store's
 * counter maps are the one structure every store keeps, lists whole and deletes whole, which is
 * what a log by day needs. Days older than {@value #RETENTION_DAYS} are deleted when a node first
 * writes on a new day. Each entry is also logged (logger {@code tracewall-operations}), so that the
 * log survives a store that is down: such a write is counted, never refused.
 */
public final class OperationLog {
    static final String KEY = "tracewall:operations:";
    static final int RETENTION_DAYS = 90;
    /** Days looked back for leftovers when a node first writes on a new day. */
    static final int CLEANUP_DAYS = 30;
    private static final long DAY_MILLIS = 86_400_000L;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final Logger LOGGER = LoggerFactory.getLogger("tracewall-operations");

    private final Supplier<StateStore> store;
    private final LongSupplier clock;
    private final AtomicLong cleanedDay = new AtomicLong(Long.MIN_VALUE);
    private final FailOpen failOpen = new FailOpen("operations");

    public OperationLog(Supplier<StateStore> store, LongSupplier clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The present, for the entries callers make. */
    public Instant now() {
        return Instant.ofEpochMilli(clock.getAsLong());
    }

    public void record(Operation operation) {
        LOGGER.info("tracewall-operation who={} via={} action={} status={} detail={}", operation.who(), operation.via(),
            operation.action(), operation.status(), operation.detail());
        try {
            long day = operation.at().toEpochMilli() / DAY_MILLIS;
            store.get().addToCounters(key(day), List.of(operation.encode(UUID.randomUUID().toString())), 1);
            cleanUp(day);
        } catch (StoreUnavailableException e) {
            failOpen.record(e);
        }
    }

    /**
     * The newest entries first, at most {@code limit}, from the last {@code days} days.
     *
     * @throws StoreUnavailableException when the store does not answer
     */
    public List<Operation> recent(int days, int limit) {
        long today = clock.getAsLong() / DAY_MILLIS;
        List<Operation> entries = new ArrayList<>();
        for (long day = today; day > today - Math.min(days, RETENTION_DAYS) && entries.size() < limit; day--) {
            store.get().allCounters(key(day)).keySet().stream().map(Operation::decode).flatMap(Optional::stream)
                .sorted(Comparator.comparing(Operation::at).reversed()).limit(limit - entries.size()).forEach(entries::add);
        }
        return entries.stream().collect(Collectors.toUnmodifiableList());
    }

    /** Writes lost because the store was down, since start (the log file still has them). */
    public long failOpenCount() {
        return failOpen.count();
    }

    private void cleanUp(long day) {
        long previous = cleanedDay.get();
        if (previous >= day || !cleanedDay.compareAndSet(previous, day)) {
            return;
        }
        for (long old = day - RETENTION_DAYS; old > day - RETENTION_DAYS - CLEANUP_DAYS; old--) {
            store.get().deleteCounters(key(old));
        }
    }

    private static String key(long day) {
        return KEY + DAY.format(Instant.ofEpochMilli(day * DAY_MILLIS));
    }
}
