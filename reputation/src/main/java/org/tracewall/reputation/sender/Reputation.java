package org.tracewall.reputation.sender;

/**
 * What is known of one feature: its good and bad outcomes, each decayed with a half-life (an
 * outcome a half-life ago counts half), so that an address that stops spamming is forgiven and one
 * that starts is caught within days.
 */
public final class Reputation {
    static final Reputation UNKNOWN = new Reputation(0, 0);

    private final double good;
    private final double bad;

    Reputation(double good, double bad) {
        this.good = good;
        this.bad = bad;
    }

    public double good() {
        return good;
    }

    public double bad() {
        return bad;
    }

    /** The decayed outcomes seen. */
    public double weight() {
        return good + bad;
    }

    /** From -1 (only good) to 1 (only bad), pulled towards 0 while little is known (two neutral outcomes as a prior). */
    public double score() {
        return (bad - good) / (good + bad + 2);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "good %.1f bad %.1f score %.2f", good, bad, score());
    }
}
