package org.tracewall.core.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.tracewall.core.stats.DecisionStats;
import org.tracewall.core.store.StateStore;
import org.tracewall.core.store.StoreUnavailableException;

/**
 * The reports of {@code report.*} that are due: each is claimed in the state store for its span
 * (a day or a week), so that one node sends it once per span however many nodes look, and a
 * restart within the span sends nothing again. A store that does not answer sends nothing:
 * a report is not worth sending twice, and the next check tries again.
 */
public final class DomainReports {
    static final String KEY = "tracewall:report:";
    /** A claim ends a little before the span, so that an hourly check does not slip an hour each day. */
    static final Duration EARLY = Duration.ofMinutes(5);

    private final ReportConfig config;
    private final DecisionStats stats;
    private final Supplier<StateStore> store;
    private final LongSupplier clock;

    public DomainReports(ReportConfig config, DecisionStats stats, Supplier<StateStore> store, LongSupplier clock) {
        this.config = config;
        this.stats = stats;
        this.store = store;
        this.clock = clock;
    }

    public boolean isEmpty() {
        return config.reports().isEmpty();
    }

    public Duration checkInterval() {
        return config.checkInterval();
    }

    /**
     * The reports due now, each claimed by this node (it must send them, or {@link #release} the
     * claim). A report whose counts cannot be read is not claimed: the next check tries again.
     */
    public List<DomainReport> due() {
        List<DomainReport> due = new ArrayList<>();
        for (ReportConfig.DomainReportSpec spec : config.reports()) {
            try {
                // Claimed already (the usual case, each hour): not worth reading a day or a week of counts.
                if (store.get().get(KEY + spec.name()).isPresent()) {
                    continue;
                }
                DomainReport report = report(spec);
                if (claim(spec)) {
                    due.add(report);
                }
            } catch (StoreUnavailableException e) {
                // Neither built nor claimed: the next check tries again.
            }
        }
        return due;
    }

    /** Gives up the claim of a report that could not be sent, so that the next check sends it. */
    public void release(DomainReport report) {
        try {
            store.get().delete(KEY + report.name());
        } catch (StoreUnavailableException e) {
            // Kept claimed: this span's report is lost, the next one goes.
        }
    }

    private boolean claim(ReportConfig.DomainReportSpec spec) {
        try {
            return store.get().putIfAbsent(KEY + spec.name(), Instant.ofEpochMilli(clock.getAsLong()).toString(),
                spec.every().span().minus(EARLY));
        } catch (StoreUnavailableException e) {
            return false;
        }
    }

    /** The configured reports, by name. */
    public List<ReportConfig.DomainReportSpec> specs() {
        return config.reports();
    }

    /**
     * One report as it stands now, whether due or not (an operator's preview; nothing is claimed).
     *
     * @throws StoreUnavailableException when the store does not answer
     */
    public Optional<DomainReport> now(String name) {
        return config.reports().stream().filter(spec -> spec.name().equals(name)).findFirst().map(this::report);
    }

    /** The report's text: the domain's mail by action over the span, and its top sender domains. */
    DomainReport report(ReportConfig.DomainReportSpec spec) {
        int hours = (int) spec.every().span().toHours();
        DecisionStats.DomainSummary summary = stats.domainSummary(spec.domain(), hours);
        Instant end = Instant.ofEpochMilli(clock.getAsLong());
        String span = spec.every() == ReportConfig.Every.DAY ? "the last 24 hours" : "the last 7 days";
        StringBuilder text = new StringBuilder();
        text.append("Tracewall report for ").append(spec.domain()).append(": ").append(span).append(" (")
            .append(end.minus(spec.every().span())).append(" to ").append(end).append(")\n\n");
        if (summary.hours() < hours) {
            text.append("(The statistics keep ").append(summary.hours()).append(" hours: stats.retention is shorter than the span.)\n\n");
        }
        long total = summary.actions().values().stream().mapToLong(Long::longValue).sum();
        text.append("Mail to ").append(spec.domain()).append(", by what Tracewall did with it:\n");
        table(text, summary.actions());
        text.append(String.format(Locale.ROOT, "  %-12s %8d%n", "total", total));
        text.append("\nMost frequent sender domains:\n");
        if (summary.topSenderDomains().isEmpty()) {
            text.append("  (none)\n");
        }
        table(text, summary.topSenderDomains());
        text.append("\nHeld mail can be looked at and released in the dashboard (/tracewall/ui/).\n");
        String subject = "[Tracewall] " + spec.domain() + ": " + total + " mails, " + summary.actions().getOrDefault("reject", 0L)
            + " rejected, " + summary.actions().getOrDefault("quarantine", 0L) + " quarantined (" + span + ")";
        return new DomainReport(spec.name(), spec.to(), subject, text.toString());
    }

    private static void table(StringBuilder text, Map<String, Long> counts) {
        counts.forEach((name, count) -> text.append(String.format(Locale.ROOT, "  %-12s %8d%n", name, count)));
    }
}
