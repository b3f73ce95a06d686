package org.tracewall.core.alert;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.net.IpAddresses;
import org.tracewall.core.score.ScoreAction;
import org.tracewall.core.store.StateStore;
import org.tracewall.core.store.StoreUnavailableException;

/**
 * Checks the thresholds of {@code alert.*} once per interval (the caller schedules {@link #check})
 * and hands each alert to the sinks. Rates are this node's, over the interval since the last check:
 * the first check only takes the baseline. An alert of one kind (and subject) is sent once per
 * {@code alert.repeatAfter} by all nodes together: the first node to claim it in the state store
 * sends it. A store that does not answer is itself worth knowing: the alert is sent anyway.
 */
public final class AlertMonitor {
    static final String KEY = "tracewall:alert:";
    static final String REJECT = ScoreAction.REJECT.code();
    private static final Logger LOGGER = LoggerFactory.getLogger("tracewall-alerts");

    private final AlertConfig config;
    private final Sources sources;
    private final Supplier<StateStore> store;
    private final List<AlertSink> sinks;
    private final String node;
    private final LongSupplier clock;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private Baseline last;

    public AlertMonitor(AlertConfig config, Sources sources, Supplier<StateStore> store, List<AlertSink> sinks, String node,
                        LongSupplier clock) {
        this.config = config;
        this.sources = sources;
        this.store = store;
        this.sinks = List.copyOf(sinks);
        this.node = node;
        this.clock = clock;
    }

    /** What the monitor reads; each count is this node's total since it started. */
    public static final class Sources {
        final Supplier<Map<String, Long>> decisionsByAction;
        final LongSupplier failOpen;
        final Supplier<OptionalLong> queueSize;
        final Function<InetAddress, List<String>> listings;

        /**
         * @param decisionsByAction final decisions per action ("accept", "reject" ...)
         * @param failOpen checks that failed open, all kinds together
         * @param queueSize the mails in James's spool queue now; empty when it cannot be read
         * @param listings the DNS lists that list an address now
         */
        public Sources(Supplier<Map<String, Long>> decisionsByAction, LongSupplier failOpen, Supplier<OptionalLong> queueSize,
                       Function<InetAddress, List<String>> listings) {
            this.decisionsByAction = decisionsByAction;
            this.failOpen = failOpen;
            this.queueSize = queueSize;
            this.listings = listings;
        }
    }

    /** Reads the sources, sends what crosses a threshold (and was not sent lately), and returns what it sent. */
    public synchronized List<Alert> check() {
        Instant now = Instant.ofEpochMilli(clock.getAsLong());
        Baseline current = new Baseline(sources.decisionsByAction.get(), sources.failOpen.getAsLong(), sources.queueSize.get());
        List<Alert> found = new ArrayList<>();
        if (last != null) {
            rejectedShare(current, now).ifPresent(found::add);
            failOpen(current, now).ifPresent(found::add);
            queueGrowth(current, now).ifPresent(found::add);
        }
        found.addAll(listed(now));
        last = current;
        List<Alert> delivered = new ArrayList<>();
        for (Alert alert : found) {
            if (claim(alert)) {
                deliver(alert);
                delivered.add(alert);
            }
        }
        return delivered;
    }

    /** Alerts handed to every sink that took them, and hand-overs that failed. */
    public long sentCount() {
        return sent.get();
    }

    public long failedCount() {
        return failed.get();
    }

    public List<AlertSink> sinks() {
        return sinks;
    }

    private Optional<Alert> rejectedShare(Baseline current, Instant now) {
        long decisions = current.decisions() - last.decisions();
        long rejected = current.count(REJECT) - last.count(REJECT);
        double share = decisions == 0 ? 0 : (double) rejected / decisions;
        if (decisions < config.minDecisions() || share <= config.rejectedShare()) {
            return Optional.empty();
        }
        return Optional.of(new Alert(AlertKind.REJECTED_SHARE, "", String.format(Locale.ROOT,
            "%d of the last %d decisions (%.0f%%) rejected the message, above the %.0f%% of alert.rejectedShare", rejected, decisions,
            100 * share, 100 * config.rejectedShare()), share, config.rejectedShare(), node, now));
    }

    private Optional<Alert> failOpen(Baseline current, Instant now) {
        long failures = current.failOpen - last.failOpen;
        if (failures <= config.failOpen()) {
            return Optional.empty();
        }
        return Optional.of(new Alert(AlertKind.FAIL_OPEN, "", failures + " checks failed open (the state store or Tika did"
            + " not answer) since the last check, above the " + config.failOpen() + " of alert.failOpen", failures, config.failOpen(), node, now));
    }

    private Optional<Alert> queueGrowth(Baseline current, Instant now) {
        if (current.queueSize.isEmpty() || last.queueSize.isEmpty()) {
            return Optional.empty();
        }
        long growth = current.queueSize.getAsLong() - last.queueSize.getAsLong();
        if (growth <= config.queueGrowth()) {
            return Optional.empty();
        }
        return Optional.of(new Alert(AlertKind.QUEUE_GROWTH, "", "the spool queue grew by " + growth + " mails to "
            + current.queueSize.getAsLong() + " since the last check, above the " + config.queueGrowth() + " of alert.queueGrowth",
            growth, config.queueGrowth(), node, now));
    }

    private List<Alert> listed(Instant now) {
        List<Alert> alerts = new ArrayList<>();
        for (InetAddress own : config.ownAddresses()) {
            List<String> lists = sources.listings.apply(own);
            if (!lists.isEmpty()) {
                String address = IpAddresses.readable(own);
                alerts.add(new Alert(AlertKind.OWN_ADDRESS_LISTED, address, "this server's address " + address + " is listed by "
                    + String.join(", ", lists), lists.size(), 0, node, now));
            }
        }
        return alerts;
    }

    private boolean claim(Alert alert) {
        String key = KEY + alert.kind().code() + (alert.subject().isEmpty() ? "" : ":" + alert.subject());
        try {
            return store.get().putIfAbsent(key, node + " " + alert.time(), config.repeatAfter());
        } catch (StoreUnavailableException e) {
            return true;
        }
    }

    private void deliver(Alert alert) {
        LOGGER.warn("alert {} node={}", alert, node);
        for (AlertSink sink : sinks) {
            try {
                sink.send(alert);
                sent.incrementAndGet();
            } catch (IOException | RuntimeException e) {
                failed.incrementAndGet();
                LOGGER.warn("alert {} not sent by {}: {}", alert.kind().code(), sink.describe(), e.toString());
            }
        }
    }

    /** The counts at one check. */
    private static final class Baseline {
        final Map<String, Long> decisionsByAction;
        final long failOpen;
        final OptionalLong queueSize;

        Baseline(Map<String, Long> decisionsByAction, long failOpen, OptionalLong queueSize) {
            this.decisionsByAction = Map.copyOf(decisionsByAction);
            this.failOpen = failOpen;
            this.queueSize = queueSize;
        }

        long decisions() {
            return decisionsByAction.values().stream().mapToLong(Long::longValue).sum();
        }

        long count(String action) {
            return decisionsByAction.getOrDefault(action, 0L);
        }
    }
}
