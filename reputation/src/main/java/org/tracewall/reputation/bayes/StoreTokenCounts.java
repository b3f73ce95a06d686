package org.tracewall.reputation.bayes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.tracewall.core.store.StateStore;
import org.tracewall.core.store.StoreUnavailableException;

/**
 * Token counts in the {@link StateStore}: with Redis, every James node scans with and learns into
 * one model. One counter map holds it all (fields {@code s:TOKEN}, {@code h:TOKEN} and the totals
 * {@code #spam}, {@code #ham}), so a scan is one multi-get and a learn one batched increment;
 * the {@link CjkOpinion} weights another ({@code tracewall:bayes:cjk-ngrams}, one field per
 * bucket); learned message ids are keys that last ten years, their value how the message was
 * learned ({@link LearnedAs#code()}). Every method may throw
 * {@link StoreUnavailableException}: callers give no verdict then (fail open).
 */
public final class StoreTokenCounts implements TokenCounts {
    static final String MAP = "tracewall:bayes:counts";
    static final String NGRAMS = "tracewall:bayes:cjk-ngrams";
    private static final String LEARNED = "tracewall:bayes:learned:";
    private static final Duration REMEMBER_LEARNED = Duration.ofDays(3650);
    private static final String SPAM_TOTAL = "#spam";
    private static final String HAM_TOTAL = "#ham";

    private final StateStore store;

    public StoreTokenCounts(StateStore store) {
        this.store = store;
    }

    @Override
    public TokenEvidence lookup(Collection<String> tokens) {
        List<String> fields = new ArrayList<>(2 * tokens.size() + 2);
        fields.add(SPAM_TOTAL);
        fields.add(HAM_TOTAL);
        for (String token : tokens) {
            fields.add("s:" + token);
            fields.add("h:" + token);
        }
        Map<String, Long> found = store.counters(MAP, fields);
        Map<String, int[]> counts = new HashMap<>();
        for (String token : tokens) {
            Long spam = found.get("s:" + token);
            Long ham = found.get("h:" + token);
            if (spam != null || ham != null) {
                counts.put(token, new int[] {count(spam), count(ham)});
            }
        }
        return new TokenEvidence(count(found.get(SPAM_TOTAL)), count(found.get(HAM_TOTAL)), counts);
    }

    @Override
    public TokenEvidence totals() {
        Map<String, Long> found = store.counters(MAP, List.of(SPAM_TOTAL, HAM_TOTAL));
        return new TokenEvidence(count(found.get(SPAM_TOTAL)), count(found.get(HAM_TOTAL)), Map.of());
    }

    @Override
    public boolean learn(Collection<String> tokens, LearnedAs as, String id) {
        if (!as.isRecorded()) {
            throw new IllegalArgumentException("learn needs a label, not " + as);
        }
        if (id != null && !store.putIfAbsent(LEARNED + id, as.code(), REMEMBER_LEARNED)) {
            return false;
        }
        try {
            store.addToCounters(MAP, fields(tokens, as.isSpam()), 1);
        } catch (StoreUnavailableException e) {
            // Not counted: forget the id so that the message can be learned again later.
            if (id != null) {
                forget(id);
            }
            throw e;
        }
        return true;
    }

    @Override
    public Optional<LearnedAs> learnedAs(String id) {
        return store.get(LEARNED + id).map(LearnedAs::parse);
    }

    /**
     * Two nodes forgetting the same message at the same moment could both subtract (the store has
     * no delete-if-present); counts are read as at least zero, which bounds that rare harm.
     */
    @Override
    public boolean unlearn(Collection<String> tokens, LearnedAs as, String id) {
        if (!as.isRecorded()) {
            throw new IllegalArgumentException("an unrecorded label cannot be unlearned: " + id);
        }
        if (store.get(LEARNED + id).isEmpty()) {
            return false;
        }
        store.delete(LEARNED + id);
        store.addToCounters(MAP, fields(tokens, as.isSpam()), -1);
        return true;
    }

    /** The message total of its label, then one field per token. */
    private static List<String> fields(Collection<String> tokens, boolean spam) {
        String prefix = spam ? "s:" : "h:";
        List<String> fields = new ArrayList<>(tokens.size() + 1);
        fields.add(spam ? SPAM_TOTAL : HAM_TOTAL);
        tokens.forEach(token -> fields.add(prefix + token));
        return fields;
    }

    @Override
    public long ngramWeightSum(int[] buckets) {
        long sum = 0;
        for (long weight : store.counters(NGRAMS, fields(buckets)).values()) {
            sum += weight;
        }
        return sum;
    }

    @Override
    public void addToNgramWeights(int[] buckets, int delta) {
        store.addToCounters(NGRAMS, fields(buckets), delta);
    }

    private static List<String> fields(int[] buckets) {
        List<String> fields = new ArrayList<>(buckets.length);
        for (int bucket : buckets) {
            fields.add(Integer.toString(bucket));
        }
        return fields;
    }

    @Override
    public String describe() {
        return "state store " + store.describe();
    }

    private void forget(String id) {
        try {
            store.delete(LEARNED + id);
        } catch (StoreUnavailableException ignored) {
            // The store is down: the id stays, and the message counts as learned. Nothing better to do.
        }
    }

    private static int count(Long value) {
        return value == null ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.max(0, value));
    }
}
