package org.tracewall.core.store;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the times a check let mail through because its store was unavailable, and logs it
 * at most once per interval so that an outage does not flood the log.
 */
public final class FailOpen {
    private static final Logger LOGGER = LoggerFactory.getLogger(FailOpen.class);
    private static final long LOG_INTERVAL_MILLIS = 60_000;

    private final String check;
    private final LongSupplier clockMillis;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong lastLogged = new AtomicLong(Long.MIN_VALUE);

    public FailOpen(String check) {
        this(check, System::currentTimeMillis);
    }

    FailOpen(String check, LongSupplier clockMillis) {
        this.check = check;
        this.clockMillis = clockMillis;
    }

    /** Records one fail-open decision. */
    public void record(StoreUnavailableException e) {
        long total = count.incrementAndGet();
        long now = clockMillis.getAsLong();
        long last = lastLogged.get();
        if ((last == Long.MIN_VALUE || now - last >= LOG_INTERVAL_MILLIS) && lastLogged.compareAndSet(last, now)) {
            LOGGER.warn("{}: state store unavailable, letting mail through (fail-open, {} times so far): {}",
                check, total, e.getMessage());
        }
    }

    /** How many decisions failed open since start. */
    public long count() {
        return count.get();
    }
}
