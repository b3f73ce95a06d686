package org.tracewall.core.score;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of scoring one message: total, action, the policy group and direction that
 * decided the thresholds, and every rule that contributed. Rendered once for the headers
 * ({@code X-Tracewall-Score}, {@code X-Tracewall-Rules}) and once for the log line, so that
 * what the recipient sees and what the operator reads are the same facts.
 */
public final class ScoreDecision {
    private final double score;
    private final ScoreAction action;
    private final String group;
    private final Direction direction;
    private final Thresholds thresholds;
    private final List<Contribution> contributions;

    ScoreDecision(double score, ScoreAction action, String group, Direction direction, Thresholds thresholds,
                  List<Contribution> contributions) {
        this.score = score;
        this.action = action;
        this.group = group;
        this.direction = direction;
        this.thresholds = thresholds;
        this.contributions = List.copyOf(contributions);
    }

    public double score() {
        return score;
    }

    public ScoreAction action() {
        return action;
    }

    public String group() {
        return group;
    }

    public Direction direction() {
        return direction;
    }

    public Thresholds thresholds() {
        return thresholds;
    }

    public List<Contribution> contributions() {
        return contributions;
    }

    /** "12.50; action=quarantine; group=default; direction=inbound; thresholds=5.00/10.00/15.00". */
    public String scoreHeader() {
        return Points.format(score) + "; action=" + action.code() + "; group=" + group
            + "; direction=" + direction.code() + "; thresholds=" + thresholds.describe();
    }

    /** "DNSBL(5.00), HELO_NOT_FQDN(1.50)", or "none". */
    public String rulesHeader() {
        return contributions.isEmpty() ? "none"
            : contributions.stream().map(Contribution::describe).collect(Collectors.joining(", "));
    }

    /** The total as headers show it: "12.50". */
    public String scoreText() {
        return Points.format(score);
    }

    /** Spam in the conventional headers' sense (X-Spam-Flag: YES): any action but accept, so the flag always agrees with it. */
    public boolean isSpam() {
        return action != ScoreAction.ACCEPT;
    }

    /**
     * The conventional summary that mail clients and filters read, in SpamAssassin's form:
     * "Yes, score=12.50 required=5.00 tests=BAYES,DNSBL" (required: the tag threshold).
     */
    public String spamStatusHeader() {
        return (isSpam() ? "Yes" : "No") + ", score=" + Points.format(score) + " required=" + Points.format(thresholds.tag()) + " tests="
            + (contributions.isEmpty() ? "none" : contributions.stream().map(Contribution::name).collect(Collectors.joining(",")));
    }

    /** key=value fields for one log line; details are the checks' own, never message text beyond a rule's short match. */
    public String logFields() {
        return "score=" + Points.format(score) + " action=" + action.code() + " group=" + group
            + " direction=" + direction.code() + " rules=" + contributions.stream()
            .map(c -> c.describe() + (c.detail().isEmpty() ? "" : "[" + c.detail() + "]"))
            .collect(Collectors.joining(","));
    }

    /** The reply text of a refusal: total, threshold and the rules, no message content. */
    public String rejectText() {
        return "Message refused as spam (score " + Points.format(score) + ", reject at " + Thresholds.format(thresholds.reject()) + ": "
            + contributions.stream().filter(c -> c.points() > 0).map(Contribution::name).collect(Collectors.joining(" ")) + ")";
    }

    @Override
    public String toString() {
        return scoreHeader() + " " + rulesHeader();
    }
}
