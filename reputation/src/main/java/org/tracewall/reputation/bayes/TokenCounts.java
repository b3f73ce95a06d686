package org.tracewall.reputation.bayes;

import java.util.Collection;

/**
 * What a Bayes classifier learns: per token, in how many spam and ham messages it appeared, and
 * how many of each were learned. Kept in a file on one node ({@link BayesModel}, the default) or
 * in the state store, which several James nodes share ({@link StoreTokenCounts}).
 */
public interface TokenCounts {

    /** The counts of these tokens and the message totals, read together (one round trip). */
    TokenEvidence lookup(Collection<String> tokens);

    /** The message totals only. */
    TokenEvidence totals();

    /**
     * Counts a message's tokens once.
     *
     * @param id the message's identity (a digest); null: always learned
     * @return false when this id was learned before (nothing counted)
     */
    boolean learn(Collection<String> tokens, boolean spam, String id);

    /** The sum of the {@link CjkNgrams} weights of these buckets (one round trip). */
    long ngramWeightSum(int[] buckets);

    /** Adds {@code delta} to the weight of each bucket. */
    void addToNgramWeights(int[] buckets, int delta);

    /** Where the counts live, for logs: "file /var/...", "state store redis ...". */
    String describe();
}
