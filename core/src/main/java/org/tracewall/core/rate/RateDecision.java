package org.tracewall.core.rate;

import java.util.Objects;

/** Allow, or refuse for now (never permanently: rates are temporary), with the limit that was hit. */
public final class RateDecision {
    /** What the SMTP layer does. */
    public enum Outcome {
        ALLOW,
        /** Refuse this command with a 4xx. */
        DEFER,
        /** Refuse with 421 and close the connection. */
        DISCONNECT
    }

    private static final RateDecision ALLOWED = new RateDecision(Outcome.ALLOW, "", "");

    private final Outcome outcome;
    private final String limit;
    private final String text;

    private RateDecision(Outcome outcome, String limit, String text) {
        this.outcome = outcome;
        this.limit = Objects.requireNonNull(limit);
        this.text = Objects.requireNonNull(text);
    }

    static RateDecision allow() {
        return ALLOWED;
    }

    static RateDecision defer(String limit, String text) {
        return new RateDecision(Outcome.DEFER, limit, text);
    }

    static RateDecision disconnect(String limit, String text) {
        return new RateDecision(Outcome.DISCONNECT, limit, text);
    }

    public Outcome outcome() {
        return outcome;
    }

    public boolean isAllowed() {
        return outcome == Outcome.ALLOW;
    }

    /** The limit's name ("messagesPer15m", "dsl" ...), empty when allowed. */
    public String limit() {
        return limit;
    }

    /** A sentence for the SMTP reply. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return outcome + (limit.isEmpty() ? "" : " " + limit + ": " + text);
    }
}
