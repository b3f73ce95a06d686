package org.tracewall.core.stats;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.tracewall.core.store.FailOpen;
import org.tracewall.core.store.StateStore;
import org.tracewall.core.store.StoreUnavailableException;

/**
 * Counts of the final decisions by hour, in the state store (so every node adds to the same
 * hours, and a restart keeps them): per action, per symbol that counted, per sender domain and
 * per client address. One counter map per hour ({@code tracewall:stats:2026120318}), one write
 * per decision; the hour that falls out of {@code stats.retention} is deleted when a node first
 * writes in a new hour. {@link #summary} adds up the last hours for the operator: totals, the top
 * symbols, sender domains and clients, and the actions hour by hour.
 */
public final class DecisionStats {
    static final String KEY = "tracewall:stats:";
    static final int TOP = 10;
    /** Hours older than the retention are deleted this far back, so that a node down for a while leaves no orphans. */
    static final int CLEANUP_HOURS = 48;
    private static final String ACTION = "action:";
    private static final String SYMBOL = "symbol:";
    private static final String DOMAIN = "domain:";
    private static final String CLIENT = "client:";
    /** Per recipient domain: "rcpt:example.com action:reject", "rcpt:example.com from:shop.test" (the domain admins' reports). */
    private static final String RECIPIENT = "rcpt:";

    private final Supplier<StateStore> store;
    private final LongSupplier clock;
    private final int retentionHours;
    private final Set<String> reportedDomains;
    private final AtomicLong cleanedHour = new AtomicLong(Long.MIN_VALUE);
    /** The decisions of this node since it started, by action, whatever the store: what alerts measure rates with. */
    private final Map<String, LongAdder> actionsHere = new ConcurrentHashMap<>();
    /** A store that does not answer costs the statistics a count, never the mail its decision. */
    private final FailOpen failOpen = new FailOpen("stats");

    public DecisionStats(Supplier<StateStore> store, LongSupplier clock, StatsConfig config) {
        this(store, clock, config, Set.of());
    }

    /**
     * @param reportedDomains the recipient domains counted on their own (those a report goes to): every
     *                        other domain would grow each hour's counts with nobody to read them
     */
    public DecisionStats(Supplier<StateStore> store, LongSupplier clock, StatsConfig config, Set<String> reportedDomains) {
        this.store = store;
        this.clock = clock;
        this.retentionHours = config.retentionHours();
        this.reportedDomains = Set.copyOf(reportedDomains);
    }

    /**
     * @param senderDomain the MAIL FROM domain, empty for the null sender
     * @param client the client's address as text, empty when unknown
     * @param recipientDomains the domains of the recipients, each counted once (those with a report)
     */
    public void record(String action, Collection<String> symbols, String senderDomain, String client, Collection<String> recipientDomains) {
        actionsHere.computeIfAbsent(action, a -> new LongAdder()).increment();
        try {
            add(action, symbols, senderDomain, client, recipientDomains);
        } catch (StoreUnavailableException e) {
            failOpen.record(e);
        }
    }

    private void add(String action, Collection<String> symbols, String senderDomain, String client, Collection<String> recipientDomains) {
        long hour = hour(clock.getAsLong());
        List<String> fields = new ArrayList<>(symbols.size() + 3 + 2 * recipientDomains.size());
        fields.add(ACTION + action);
        symbols.forEach(symbol -> fields.add(SYMBOL + symbol));
        if (!senderDomain.isEmpty()) {
            fields.add(DOMAIN + senderDomain);
        }
        if (!client.isEmpty()) {
            fields.add(CLIENT + client);
        }
        for (String domain : new TreeSet<>(recipientDomains)) {
            if (!reportedDomains.contains(domain)) {
                continue;
            }
            fields.add(RECIPIENT + domain + " " + ACTION + action);
            if (!senderDomain.isEmpty()) {
                fields.add(RECIPIENT + domain + " " + DOMAIN + senderDomain);
            }
        }
        store.get().addToCounters(KEY + stamp(hour), fields, 1);
        cleanUp(hour);
    }

    /** This node's decisions since it started, by action. */
    public Map<String, Long> actionsOnThisNode() {
        Map<String, Long> counts = new TreeMap<>();
        actionsHere.forEach((action, count) -> counts.put(action, count.sum()));
        return counts;
    }

    /** Decisions not counted because the store did not answer. */
    public long failOpenCount() {
        return failOpen.count();
    }

    /**
     * The last {@code hours} hours (at most the retention), this one included.
     *
     * @throws StoreUnavailableException when the store does not answer
     */
    public Summary summary(int hours) {
        long now = hour(clock.getAsLong());
        int span = Math.max(1, Math.min(hours, retentionHours));
        Map<String, Long> total = new TreeMap<>();
        Map<String, Map<String, Long>> byHour = new LinkedHashMap<>();
        for (long hour = now - span + 1; hour <= now; hour++) {
            Map<String, Long> counts = store.get().allCounters(KEY + stamp(hour));
            counts.forEach((field, count) -> total.merge(field, count, Long::sum));
            byHour.put(Instant.ofEpochSecond(hour * 3600).toString(), only(counts, ACTION, Integer.MAX_VALUE));
        }
        return new Summary(span, only(total, ACTION, Integer.MAX_VALUE), only(total, SYMBOL, TOP), only(total, DOMAIN, TOP),
            only(total, CLIENT, TOP), byHour);
    }

    /**
     * What the last {@code hours} hours (at most the retention) decided for mail to one recipient
     * domain: per action, and its top sender domains.
     *
     * @throws StoreUnavailableException when the store does not answer
     */
    public DomainSummary domainSummary(String recipientDomain, int hours) {
        long now = hour(clock.getAsLong());
        int span = Math.max(1, Math.min(hours, retentionHours));
        String prefix = RECIPIENT + recipientDomain + " ";
        Map<String, Long> total = new TreeMap<>();
        for (long hour = now - span + 1; hour <= now; hour++) {
            store.get().allCounters(KEY + stamp(hour)).forEach((field, count) -> {
                if (field.startsWith(prefix)) {
                    total.merge(field.substring(prefix.length()), count, Long::sum);
                }
            });
        }
        return new DomainSummary(recipientDomain, span, only(total, ACTION, Integer.MAX_VALUE), only(total, DOMAIN, TOP));
    }

    private void cleanUp(long hour) {
        long last = cleanedHour.get();
        if (last == hour || !cleanedHour.compareAndSet(last, hour)) {
            return;
        }
        for (long old = hour - retentionHours - CLEANUP_HOURS; old < hour - retentionHours + 1; old++) {
            store.get().deleteCounters(KEY + stamp(old));
        }
    }

    /** The fields of one kind, the prefix taken off, largest first, at most {@code limit}. */
    private static Map<String, Long> only(Map<String, Long> counts, String prefix, int limit) {
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
            .limit(limit)
            .collect(Collectors.toMap(e -> e.getKey().substring(prefix.length()), Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    private static long hour(long epochMillis) {
        return Math.floorDiv(epochMillis, 3_600_000L);
    }

    /** "2026120318": by arithmetic, since it is written once per decision (Instant.toString and a regex showed in the load profile). */
    static String stamp(long hour) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(hour * 3600, 0, ZoneOffset.UTC);
        long digits = time.getYear() * 1_000_000L + time.getMonthValue() * 10_000L + time.getDayOfMonth() * 100L + time.getHour();
        return Long.toString(digits);
    }

    /** What the last hours decided for mail to one recipient domain. */
    public static final class DomainSummary {
        private final String domain;
        private final int hours;
        private final Map<String, Long> actions;
        private final Map<String, Long> topSenderDomains;

        DomainSummary(String domain, int hours, Map<String, Long> actions, Map<String, Long> topSenderDomains) {
            this.domain = domain;
            this.hours = hours;
            this.actions = actions;
            this.topSenderDomains = topSenderDomains;
        }

        public String domain() {
            return domain;
        }

        public int hours() {
            return hours;
        }

        /** Decisions per action, largest first. */
        public Map<String, Long> actions() {
            return actions;
        }

        public Map<String, Long> topSenderDomains() {
            return topSenderDomains;
        }
    }

    /** What the last hours decided. */
    public static final class Summary {
        private final int hours;
        private final Map<String, Long> actions;
        private final Map<String, Long> topSymbols;
        private final Map<String, Long> topSenderDomains;
        private final Map<String, Long> topClients;
        private final Map<String, Map<String, Long>> actionsByHour;

        Summary(int hours, Map<String, Long> actions, Map<String, Long> topSymbols, Map<String, Long> topSenderDomains,
                Map<String, Long> topClients, Map<String, Map<String, Long>> actionsByHour) {
            this.hours = hours;
            this.actions = actions;
            this.topSymbols = topSymbols;
            this.topSenderDomains = topSenderDomains;
            this.topClients = topClients;
            this.actionsByHour = actionsByHour;
        }

        /** For a JSON reply, in this order. */
        public Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("hours", hours);
            map.put("actions", actions);
            map.put("topSymbols", topSymbols);
            map.put("topSenderDomains", topSenderDomains);
            map.put("topClients", topClients);
            map.put("actionsByHour", actionsByHour);
            return map;
        }

        public Map<String, Long> actions() {
            return actions;
        }

        public Map<String, Long> topSymbols() {
            return topSymbols;
        }

        public Map<String, Long> topSenderDomains() {
            return topSenderDomains;
        }

        public Map<String, Long> topClients() {
            return topClients;
        }

        public Map<String, Map<String, Long>> actionsByHour() {
            return actionsByHour;
        }
    }
}
