package org.tracewall.reputation.bayes;

/**
 * A second opinion on CJK text: a linear model over {@link CjkNgrams}, trained online with a margin
 * (a message moves the weights only while it is not yet classified by at least {@link #MARGIN}),
 * as the best filters of the TREC spam tracks were (Sculley's relaxed online SVMs). Weights are
 * integers ({@link #RATE} per step), so a shared Redis model keeps them as plain counters. Its
 * margin is added to the log-odds of the Bayes probability: without CJK text the margin is 0 and
 * Bayes decides alone.
 */
final class CjkOpinion {
    static final double RATE = 0.01;
    static final double MARGIN = 1.0;

    private final TokenCounts counts;

    CjkOpinion(TokenCounts counts) {
        this.counts = counts;
    }

    /** Positive: spam-like. 0 without features or before anything was learned. */
    double margin(int[] features) {
        return features.length == 0 ? 0 : RATE * counts.ngramWeightSum(features);
    }

    /** Learns a message's features; answers whether the weights moved (only while it is misjudged within the margin). */
    boolean learn(int[] features, boolean spam) {
        boolean moves = moves(features, spam);
        if (moves) {
            move(features, spam, 1);
        }
        return moves;
    }

    boolean moves(int[] features, boolean spam) {
        return features.length > 0 && (spam ? 1 : -1) * margin(features) < MARGIN;
    }

    /** One step towards the label ({@code direction} 1), or back from it (-1: undoing a learn). */
    void move(int[] features, boolean spam, int direction) {
        counts.addToNgramWeights(features, (spam ? 1 : -1) * direction);
    }

    /** The Bayes probability moved by the margin, in log-odds. */
    static double combine(double bayes, double margin) {
        if (margin == 0) {
            return bayes;
        }
        double p = Math.min(1 - 1e-9, Math.max(1e-9, bayes));
        return 1.0 / (1.0 + Math.exp(-(margin + Math.log(p / (1 - p)))));
    }
}
