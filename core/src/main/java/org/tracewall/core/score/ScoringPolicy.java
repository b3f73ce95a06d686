package org.tracewall.core.score;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rule scoring: each check's symbols weighed, m-of-n combinations added, and the total mapped to
 * an action by the thresholds of the first policy group that applies (groups in name order), else
 * the default ones. It only adds up: detecting (DNS lists, content rules, Bayes...) is the checks'
 * work, done before. Plain Java, thread-safe, immutable.
 */
public final class ScoringPolicy {
    private final Map<String, Double> weights;
    private final Thresholds thresholds;
    private final List<ComboRule> combos;
    private final List<ScoreGroup> groups;

    ScoringPolicy(Map<String, Double> weights, Thresholds thresholds, List<ComboRule> combos, List<ScoreGroup> groups) {
        this.weights = Map.copyOf(weights);
        this.thresholds = thresholds;
        this.combos = List.copyOf(combos);
        this.groups = List.copyOf(groups);
    }

    public static ScoringPolicy defaults() {
        return ScoreConfig.fromProperties(Map.of());
    }

    public ScoreDecision evaluate(ScoreInput input) {
        ScoreGroup group = groups.stream().filter(g -> g.applies(input)).findFirst().orElse(null);
        Map<String, Double> effective = new HashMap<>(weights);
        if (group != null) {
            effective.putAll(group.weights());
        }
        List<Contribution> contributions = new ArrayList<>();
        Map<String, Symbol> fired = fired(input);
        for (Symbol symbol : fired.values()) {
            contributions.add(new Contribution(symbol.name(), effective.getOrDefault(symbol.name(), 0.0) * symbol.factor(),
                symbol.detail()));
        }
        Set<String> present = fired.keySet();
        for (ComboRule combo : combos) {
            int matched = combo.matched(present);
            if (matched > 0) {
                contributions.add(new Contribution(combo.name(), effective.getOrDefault(combo.name(), combo.weight()),
                    matched + " of " + combo.members().size() + ": " + combo.members().stream().filter(present::contains)
                        .collect(Collectors.joining(" "))));
            }
        }
        double score = contributions.stream().mapToDouble(Contribution::points).sum();
        Thresholds applied = group == null ? thresholds : group.thresholds();
        return new ScoreDecision(score, applied.actionFor(score), group == null ? ScoreGroup.DEFAULT : group.name(),
            input.direction(), applied, contributions);
    }

    /** The input's symbols, one per name (the strongest factor wins). */
    private static Map<String, Symbol> fired(ScoreInput input) {
        Map<String, Symbol> fired = new LinkedHashMap<>();
        for (Symbol symbol : input.symbols()) {
            fired.merge(symbol.name(), symbol, (a, b) -> Math.abs(b.factor()) > Math.abs(a.factor()) ? b : a);
        }
        return fired;
    }

    public Thresholds thresholds() {
        return thresholds;
    }

    public List<ComboRule> combos() {
        return combos;
    }

    public Map<String, Double> weights() {
        return weights;
    }
}
