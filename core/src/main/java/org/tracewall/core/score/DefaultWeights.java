package org.tracewall.core.score;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The default weights of the symbols Tracewall's own checks emit: {@link KnownSymbol}'s, kept
 * apart from the checks as rspamd keeps {@code scores.d} apart from its plugins.
 * {@code score.weight.<SYMBOL>} overrides any of them; a symbol with no weight anywhere counts 0
 * but still shows in the rules and combos.
 */
public final class DefaultWeights {
    private static final Map<String, Double> WEIGHTS = build();

    private DefaultWeights() {
    }

    public static Map<String, Double> all() {
        return WEIGHTS;
    }

    private static Map<String, Double> build() {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (KnownSymbol symbol : KnownSymbol.values()) {
            weights.put(symbol.name(), symbol.defaultWeight());
        }
        return Map.copyOf(weights);
    }
}
