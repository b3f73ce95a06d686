package org.tracewall.reputation.bayes;

import java.util.Collection;
import java.util.Optional;

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
     * @param as its label (and whether the n-gram weights moved with it), remembered with the id
     * @param id the message's identity (a digest); null: always learned, never remembered
     * @return false when this id was learned before (nothing counted)
     */
    boolean learn(Collection<String> tokens, LearnedAs as, String id);

    /** How the message with this id was learned; empty when it was not (or was forgotten). */
    Optional<LearnedAs> learnedAs(String id);

    /**
     * Takes a learned message's tokens out of the counts it was learned into and forgets its id,
     * so that it can be learned again (under either label).
     *
     * @param as what {@link #learnedAs} answered for the id: it must be recorded
     * @return false when the id was not learned (nothing changed)
     */
    boolean unlearn(Collection<String> tokens, LearnedAs as, String id);

    /** The sum of the {@link CjkNgrams} weights of these buckets (one round trip). */
    long ngramWeightSum(int[] buckets);

    /** Adds {@code delta} to the weight of each bucket. */
    void addToNgramWeights(int[] buckets, int delta);

    /** Where the counts live, for logs: "file /var/...", "state store redis ...". */
    String describe();
}
