package org.tracewall.reputation.bayes;

import java.util.Locale;

import org.tracewall.core.score.KnownSymbol;
import org.tracewall.core.score.Symbol;

/**
 * The Bayes probability as a scoring symbol: BAYES with factor 2p - 1, so that its weight
 * (6 by default) gives -6 points for certain ham, +6 for certain spam and nothing at 0.5.
 */
public final class BayesSymbol {
    private BayesSymbol() {
    }

    public static Symbol of(double probability) {
        return KnownSymbol.BAYES.symbol(2 * probability - 1, "p=" + shown(probability));
    }

    /** Four decimals, as headers show it ("0.9731"). */
    public static String shown(double probability) {
        return String.format(Locale.ROOT, "%.4f", probability);
    }
}
