package org.tracewall.core.score;


/** One rule's share of a score: its name, the points it added, and what it saw. */
public final class Contribution {
    private final String name;
    private final double points;
    private final String detail;

    Contribution(String name, double points, String detail) {
        this.name = name;
        this.points = points;
        this.detail = detail;
    }

    public String name() {
        return name;
    }

    public double points() {
        return points;
    }

    public String detail() {
        return detail;
    }

    /** "DNSBL(5.00)". */
    public String describe() {
        return name + "(" + Points.format(points) + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
