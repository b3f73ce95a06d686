package org.tracewall.reputation.bayes;

import java.util.Map;

/** The counts a classifier needs for one message: its known tokens and the message totals. */
public final class TokenEvidence {
    private final int spamMessages;
    private final int hamMessages;
    private final Map<String, int[]> counts;

    /** @param counts per known token: [spam, ham] messages that contained it (not copied: callers hand it over) */
    public TokenEvidence(int spamMessages, int hamMessages, Map<String, int[]> counts) {
        this.spamMessages = spamMessages;
        this.hamMessages = hamMessages;
        this.counts = counts;
    }

    public int spamMessages() {
        return spamMessages;
    }

    public int hamMessages() {
        return hamMessages;
    }

    /** [spam, ham] messages that contained the token, or null when it was never learned. */
    public int[] counts(String token) {
        return counts.get(token);
    }

    /** True once enough of both kinds were learned for a verdict to mean anything. */
    public boolean isTrained(int minimum) {
        return spamMessages >= minimum && hamMessages >= minimum;
    }
}
