package org.tracewall.greylist;

import java.time.Duration;
import java.util.Objects;

/** Pass or defer, with the reason ("whitelisted client 192.0.2.0/24", "new triplet" ...). */
public final class GreylistVerdict {
    /** What to do with the recipient. */
    public enum Outcome { PASS, DEFER, FAIL_OPEN }

    private final Outcome outcome;
    private final String reason;
    private final Duration retryAfter;

    private GreylistVerdict(Outcome outcome, String reason, Duration retryAfter) {
        this.outcome = outcome;
        this.reason = Objects.requireNonNull(reason);
        this.retryAfter = retryAfter;
    }

    static GreylistVerdict pass(String reason) {
        return new GreylistVerdict(Outcome.PASS, reason, Duration.ZERO);
    }

    static GreylistVerdict defer(String reason, Duration retryAfter) {
        return new GreylistVerdict(Outcome.DEFER, reason, retryAfter);
    }

    static GreylistVerdict failOpen(String reason) {
        return new GreylistVerdict(Outcome.FAIL_OPEN, reason, Duration.ZERO);
    }

    public Outcome outcome() {
        return outcome;
    }

    public boolean isDeferred() {
        return outcome == Outcome.DEFER;
    }

    public String reason() {
        return reason;
    }

    /** For a deferral: how long until a retry will be accepted. */
    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public String toString() {
        return outcome + " (" + reason + ")";
    }
}
