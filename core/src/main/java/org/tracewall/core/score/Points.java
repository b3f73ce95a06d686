package org.tracewall.core.score;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Scores as headers and logs show them: two decimals, rounded half up ("12.50", "-1.25"). A
 * message's headers and log line print a dozen of them; {@code String.format} parses its
 * pattern each time and showed in the SMTP profile, and so did BigDecimal, which is kept for ties.
 */
final class Points {
    private Points() {
    }

    /** Below this many cents a double's error is far under the margin that {@link #format} leaves to ties. */
    private static final double EXACT_CENTS = 1e9;
    private static final double TIE_MARGIN = 1e-6;

    static String format(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        double cents = Math.abs(value) * 100;
        if (cents < EXACT_CENTS && Math.abs(cents - Math.floor(cents) - 0.5) > TIE_MARGIN) {
            // Not near a tie: the nearest cent is the answer, without BigDecimal's allocations.
            return withCents(value < 0, Math.round(cents));
        }
        return exact(value);
    }

    /** BigDecimal.valueOf reads the shortest decimal (as Formatter does): 12.345 rounds to 12.35. */
    static String exact(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static String withCents(boolean negative, long cents) {
        long fraction = cents % 100;
        return (negative && cents != 0 ? "-" : "") + cents / 100 + (fraction < 10 ? ".0" : ".") + fraction;
    }
}
