package org.tracewall.core.score;

import java.util.Locale;

/** What a score leads to, mildest first (actions that a score alone decides). */
public enum ScoreAction {
    ACCEPT, TAG, QUARANTINE, REJECT;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException naming the accepted values
     */
    public static ScoreAction fromCode(String code) {
        try {
            return valueOf(code.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown action '" + code.trim() + "' (accept, tag, quarantine or reject)", e);
        }
    }
}
