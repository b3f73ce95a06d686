package org.tracewall.james;

import org.apache.james.metrics.api.MetricFactory;
import org.tracewall.core.score.Contribution;
import org.tracewall.core.score.ScoreDecision;

/**
 * What the decisions say, counted in James's metrics (WebAdmin's {@code GET /metrics} serves them):
 * {@code tracewall.score.<action>} per decision, and {@code tracewall.symbol.<NAME>} for each
 * symbol that counted in it, so that every check's verdicts show (TRACE_UNTRACEABLE, DNSBL_&lt;LIST&gt;,
 * HELO_*, BAYES, FUZZY_SPAM ...) without a counter of its own in each. Counted where a decision is
 * final: a refusal at DATA, or the container's decision for a mail that was accepted.
 */
public final class DecisionMetrics {
    private DecisionMetrics() {
    }

    public static void count(MetricFactory metrics, ScoreDecision decision) {
        metrics.generate("tracewall.score." + decision.action().code()).increment();
        for (Contribution contribution : decision.contributions()) {
            metrics.generate("tracewall.symbol." + contribution.name()).increment();
        }
    }
}
