package org.tracewall.core.score;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Weights of the symbols Tracewall's own checks emit, kept apart from the checks as rspamd
 * keeps {@code scores.d} apart from its plugins. {@code score.weight.<SYMBOL>} overrides any of
 * them; a symbol with no weight anywhere counts 0 but still shows in the rules and combos.
 */
public final class DefaultWeights {
    private static final Map<String, Double> WEIGHTS = build();

    private DefaultWeights() {
    }

    public static Map<String, Double> all() {
        return WEIGHTS;
    }

    private static Map<String, Double> build() {
        Map<String, Double> w = new LinkedHashMap<>();
        // Traceability: traced mail earns a little trust, untraced mail the most suspicion.
        w.put("TRACE_TRACEABLE", -2.0);
        w.put("TRACE_UNKNOWN", 1.0);
        w.put("TRACE_UNTRACEABLE", 5.0);
        w.put("TRACE_TEMPERROR", 0.0);
        // DNS lists: factor = the summed dnsbl.* weights of the lists that answered.
        w.put("DNSBL", 5.0);
        // Sending-host checks.
        w.put("HELO_NOT_FQDN", 1.5);
        w.put("HELO_UNRESOLVABLE", 1.5);
        w.put("HELO_LITERAL_MISMATCH", 3.0);
        w.put("NO_PTR", 1.5);
        w.put("PTR_NOT_CONFIRMED", 1.0);
        w.put("HELO_PTR_MISMATCH", 0.5);
        // Access db Spam: entries: every recipient is a spam friend.
        w.put("ACCESS_SPAM_FRIEND", -10.0);
        w.put("ACCESS_SPAM_HATER", 0.0);
        // ClamAV.
        w.put("VIRUS", 100.0);
        // Bayes: factor = how far the probability is from 0.5, signed (-1 .. 1).
        w.put("BAYES", 6.0);
        return Map.copyOf(w);
    }
}
