package org.tracewall.core.score;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Scores as headers and logs show them: two decimals, rounded half up ("12.50", "-1.25"). A
 * message's headers and log line print a dozen of them; {@code String.format} parses its
 * pattern each time and showed in the SMTP profile.
 */
final class Points {
    private Points() {
    }

    static String format(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        // BigDecimal.valueOf reads the shortest decimal (as Formatter does): 12.345 rounds to 12.35.
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
