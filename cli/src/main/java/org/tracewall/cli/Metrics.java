package org.tracewall.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Detection figures from the scores of labelled test messages. */
final class Metrics {
    private final List<Double> spam;
    private final List<Double> hamDescending;

    Metrics(List<Double> spam, List<Double> ham) {
        this.spam = List.copyOf(spam);
        List<Double> sorted = new ArrayList<>(ham);
        sorted.sort(Collections.reverseOrder());
        this.hamDescending = sorted;
    }

    double recallAt(double threshold) {
        return spam.isEmpty() ? 0 : spam.stream().filter(s -> s >= threshold).count() / (double) spam.size();
    }

    long falsePositives(double threshold) {
        return hamDescending.stream().filter(h -> h >= threshold).count();
    }

    double falsePositiveRate(double threshold) {
        return hamDescending.isEmpty() ? 0 : falsePositives(threshold) / (double) hamDescending.size();
    }

    /** k = floor(budget x test ham) false positives allowed. */
    int allowed(double budget) {
        return (int) Math.floor(budget * hamDescending.size());
    }

    /**
     * Spam recall with the threshold just above the (k+1)-th highest ham score: at most k ham
     * messages score higher than it (ties with that ham score count as not caught).
     */
    double recallAtBudget(double budget) {
        int k = allowed(budget);
        if (spam.isEmpty()) {
            return 0;
        }
        if (k >= hamDescending.size()) {
            return 1;
        }
        double bar = hamDescending.get(k);
        return spam.stream().filter(s -> s > bar).count() / (double) spam.size();
    }
}
