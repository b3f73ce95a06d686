package org.tracewall.core.score;

import java.util.List;
import java.util.Set;

/**
 * A sub-rule combination: when at least {@code min} of the {@code members} symbols
 * are present, the combination adds its own weight (m of n; m = n is "all of them").
 */
public final class ComboRule {
    private final String name;
    private final List<String> members;
    private final int min;
    private final double weight;

    ComboRule(String name, List<String> members, int min, double weight) {
        this.name = name;
        this.members = List.copyOf(members);
        this.min = min;
        this.weight = weight;
    }

    public String name() {
        return name;
    }

    public List<String> members() {
        return members;
    }

    public int min() {
        return min;
    }

    public double weight() {
        return weight;
    }

    /** How many members fired, when at least {@code min} did; else 0. */
    int matched(Set<String> present) {
        int count = (int) members.stream().filter(present::contains).count();
        return count >= min ? count : 0;
    }
}
