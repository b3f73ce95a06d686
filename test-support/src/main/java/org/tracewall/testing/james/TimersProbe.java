package org.tracewall.testing.james;

import java.util.Map;
import java.util.TreeMap;

import javax.inject.Inject;

import org.apache.james.utils.GuiceProbe;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;

/**
 * James's own timers (one per SMTP command, {@code SMTP-mail}..., one per mailet and matcher) and
 * counters, read from the server's metric registry: what the load command prints as its per-phase breakdown.
 */
public final class TimersProbe implements GuiceProbe {
    private final MetricRegistry registry;

    @Inject
    TimersProbe(MetricRegistry registry) {
        this.registry = registry;
    }

    /** Every timer that ran, by name: how often, and the mean time of one run in milliseconds. */
    public Map<String, Measure> timers() {
        Map<String, Measure> timers = new TreeMap<>();
        for (Map.Entry<String, Timer> timer : registry.getTimers().entrySet()) {
            if (timer.getValue().getCount() > 0) {
                timers.put(timer.getKey(), new Measure(timer.getValue().getCount(), timer.getValue().getSnapshot().getMean() / 1e6));
            }
        }
        return timers;
    }

    /** Every counter, by name (HookTimers' {@code tracewall-hook-<Hook>-ms} totals among them). */
    public Map<String, Long> counters() {
        Map<String, Long> counters = new TreeMap<>();
        registry.getCounters().forEach((name, counter) -> counters.put(name, counter.getCount()));
        return counters;
    }

    /** How often a timer ran and the mean of its runs. */
    public static final class Measure {
        private final long count;
        private final double meanMillis;

        Measure(long count, double meanMillis) {
            this.count = count;
            this.meanMillis = meanMillis;
        }

        public long count() {
            return count;
        }

        public double meanMillis() {
            return meanMillis;
        }
    }
}
