package org.tracewall.james;

import java.util.function.LongSupplier;

import com.google.inject.ImplementedBy;

/**
 * The time Tracewall's stateful checks (greylisting, rate windows) read, in epoch
 * milliseconds: the system clock unless a test binds another, so that tests move time
 * instead of sleeping.
 */
@ImplementedBy(TracewallClock.System.class)
public interface TracewallClock extends LongSupplier {

    /** The system clock. */
    final class System implements TracewallClock {
        @Override
        public long getAsLong() {
            return java.lang.System.currentTimeMillis();
        }
    }
}
