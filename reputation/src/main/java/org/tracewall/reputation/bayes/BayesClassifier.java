package org.tracewall.reputation.bayes;

import java.util.Arrays;
import java.util.Collection;

/**
 * Robinson's token probabilities combined by Fisher's chi-square method, as SpamBayes and
 * SpamAssassin do: each token's spam probability is shrunk towards 0.5 by how rarely it was
 * seen ({@code s = 0.45}, {@code x = 0.5}); the at most 150 strongest tokens (|f - 0.5| >= 0.1)
 * are combined into S (spamminess) and H (hamminess); the result is (1 + S - H) / 2 in 0..1.
 * Until {@link #MIN_LEARNED} spam and ham messages have been learned, the answer is 0.5.
 */
public final class BayesClassifier {
    public static final int MIN_LEARNED = 20;
    static final double STRENGTH = 0.45;
    static final double UNKNOWN = 0.5;
    static final double MIN_DISTANCE = 0.1;
    static final int MAX_CLUES = 150;

    private final TokenCounts model;

    public BayesClassifier(TokenCounts model) {
        this.model = model;
    }

    public boolean isTrained() {
        return model.totals().isTrained(MIN_LEARNED);
    }

    public double spamProbability(Collection<String> tokens) {
        TokenEvidence evidence = model.lookup(tokens);
        if (!evidence.isTrained(MIN_LEARNED)) {
            return UNKNOWN;
        }
        double spamTotal = evidence.spamMessages();
        double hamTotal = evidence.hamMessages();
        double[] clues = new double[tokens.size()];
        int n = 0;
        for (String token : tokens) {
            int[] c = evidence.counts(token);
            if (c == null) {
                continue;
            }
            double f = tokenProbability(c[0], c[1], spamTotal, hamTotal);
            if (Math.abs(f - 0.5) >= MIN_DISTANCE) {
                clues[n++] = f;
            }
        }
        if (n == 0) {
            return UNKNOWN;
        }
        double[] strongest = strongest(clues, n);
        double lnSpam = 0;
        double lnHam = 0;
        for (double f : strongest) {
            lnHam += Math.log(f);
            lnSpam += Math.log(1.0 - f);
        }
        int k = strongest.length;
        double s = 1.0 - chi2Q(-2.0 * lnSpam, 2 * k);
        double h = 1.0 - chi2Q(-2.0 * lnHam, 2 * k);
        return (s - h + 1.0) / 2.0;
    }

    static double tokenProbability(int spam, int ham, double spamTotal, double hamTotal) {
        double spamRatio = spam / spamTotal;
        double hamRatio = ham / hamTotal;
        double p = spamRatio / (spamRatio + hamRatio);
        int seen = spam + ham;
        return (STRENGTH * UNKNOWN + seen * p) / (STRENGTH + seen);
    }

    private static double[] strongest(double[] clues, int n) {
        double[] used = Arrays.copyOf(clues, n);
        if (n <= MAX_CLUES) {
            return used;
        }
        // Order by distance from 0.5, strongest last, and keep the last MAX_CLUES.
        Double[] boxed = new Double[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = used[i];
        }
        Arrays.sort(boxed, (a, b) -> Double.compare(Math.abs(a - 0.5), Math.abs(b - 0.5)));
        double[] top = new double[MAX_CLUES];
        for (int i = 0; i < MAX_CLUES; i++) {
            top[i] = boxed[n - MAX_CLUES + i];
        }
        return top;
    }

    /** P(chi-square with v degrees of freedom >= x2), v even (SpamBayes' series). */
    static double chi2Q(double x2, int v) {
        double m = x2 / 2.0;
        double term = Math.exp(-m);
        double sum = term;
        for (int i = 1; i < v / 2; i++) {
            term *= m / i;
            sum += term;
        }
        return Math.min(sum, 1.0);
    }
}
