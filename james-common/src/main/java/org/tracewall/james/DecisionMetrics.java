package org.tracewall.james;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Mail;
import org.tracewall.core.score.Contribution;
import org.tracewall.core.score.ScoreDecision;
import org.tracewall.core.stats.DecisionStats;

/**
 * What the decisions say, counted where a decision is final (a refusal at DATA, or the
 * container's decision for a mail that was accepted): in James's metrics (WebAdmin's
 * {@code GET /metrics}), {@code tracewall.score.<action>} per decision and
 * {@code tracewall.symbol.<NAME>} for each symbol that counted in it, so that every check's verdicts
 * show (TRACE_UNTRACEABLE, DNSBL_&lt;LIST&gt;, HELO_*, BAYES, FUZZY_SPAM ...) without a counter of its
 * own in each; and in the hourly {@link DecisionStats} of the state store, with the sender's domain
 * and the client (WebAdmin's {@code GET /tracewall/stats}).
 */
public final class DecisionMetrics {
    private DecisionMetrics() {
    }

    /** @param stats the hourly counts; null: metrics only */
    public static void count(MetricFactory metrics, DecisionStats stats, ScoreDecision decision, Mail mail) {
        metrics.generate("tracewall.score." + decision.action().code()).increment();
        List<String> symbols = decision.contributions().stream().map(Contribution::name).collect(Collectors.toList());
        symbols.forEach(symbol -> metrics.generate("tracewall.symbol." + symbol).increment());
        if (stats != null) {
            String remote = mail.getRemoteAddr();
            Set<String> recipientDomains = mail.getRecipients().stream().map(r -> r.getDomain().asString().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
            stats.record(decision.action().code(), symbols, mail.getMaybeSender().asOptional().map(s -> s.getDomain().asString()).orElse(""),
                remote == null ? "" : remote, recipientDomains);
        }
    }
}
