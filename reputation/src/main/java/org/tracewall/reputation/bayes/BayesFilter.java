package org.tracewall.reputation.bayes;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.Set;

import org.tracewall.reputation.text.AttachmentReader;
import org.tracewall.reputation.text.MessageText;
import org.tracewall.reputation.text.MessageTextExtractor;
import org.tracewall.reputation.text.Tokenizer;

/**
 * A raw message in, a spam probability out: text extraction, tokens, the Bayes classifier and,
 * for CJK text, the {@link CjkOpinion}, over one model.
 * Learning counts a message once (its SHA-1 digest is the learned id); learning it under the
 * other label moves it there, and it can be forgotten, as {@code sa-learn} does. Thread-safe.
 */
public final class BayesFilter {
    /** At or over: spam. */
    public static final double SPAM_CUTOFF = 0.90;
    /** At or under: ham; between the two: unsure (SpamBayes' defaults). */
    public static final double HAM_CUTOFF = 0.20;

    /** What {@link #learn} did. */
    public enum Learned { LEARNED, RELEARNED_UNDER_THE_OTHER_LABEL, ALREADY_KNOWN }

    /** What {@link #forget} did; UNRECORDED: learned into a model that did not keep labels yet. */
    public enum Forgotten { FORGOTTEN, NOT_LEARNED, UNRECORDED }

    private final TokenCounts model;
    private final Tokenizer tokenizer;
    private final AttachmentReader attachments;
    private final BayesClassifier classifier;
    private final CjkOpinion opinion;

    public BayesFilter(TokenCounts model, Tokenizer tokenizer) {
        this(model, tokenizer, AttachmentReader.NONE);
    }

    /** @param attachments reads attached documents (PDF, office) into the text; NONE: only named */
    public BayesFilter(TokenCounts model, Tokenizer tokenizer, AttachmentReader attachments) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.attachments = attachments;
        this.classifier = new BayesClassifier(model);
        this.opinion = new CjkOpinion(model);
    }

    public TokenCounts model() {
        return model;
    }

    public Set<String> tokens(byte[] message) {
        return tokenizer.tokens(MessageTextExtractor.extract(message, attachments));
    }

    /**
     * The Bayes probability, moved by the {@link CjkOpinion} when the message has CJK text (and
     * the model learned enough for either to mean anything).
     */
    public double spamProbability(byte[] message) {
        return spamProbability(MessageTextExtractor.extract(message, attachments));
    }

    /** As {@link #spamProbability(byte[])}, over a text already read (one read of a message per phase). */
    public double spamProbability(MessageText text) {
        double bayes = classifier.spamProbability(tokenizer.tokens(text));
        if (bayes == BayesClassifier.UNKNOWN && !classifier.isTrained()) {
            return bayes;
        }
        return CjkOpinion.combine(bayes, opinion.margin(CjkNgrams.of(text)));
    }

    public boolean isTrained() {
        return classifier.isTrained();
    }

    /**
     * Counts a message under a label. One learned under the other label before is taken out of
     * that label first (a correction); one learned under this label, or by a model that did not
     * record labels, is not counted again.
     */
    public Learned learn(byte[] message, boolean spam) {
        String id = digest(message);
        Optional<LearnedAs> before = model.learnedAs(id);
        if (before.isPresent() && (!before.get().isRecorded() || before.get().isSpam() == spam)) {
            return Learned.ALREADY_KNOWN;
        }
        MessageText text = MessageTextExtractor.extract(message, attachments);
        Set<String> tokens = tokenizer.tokens(text);
        int[] ngrams = CjkNgrams.of(text);
        if (before.isPresent()) {
            unlearn(tokens, ngrams, before.get(), id);
        }
        boolean movesNgrams = opinion.moves(ngrams, spam);
        if (!model.learn(tokens, LearnedAs.of(spam, movesNgrams), id)) {
            return Learned.ALREADY_KNOWN;
        }
        if (movesNgrams) {
            opinion.move(ngrams, spam, 1);
        }
        return before.isPresent() ? Learned.RELEARNED_UNDER_THE_OTHER_LABEL : Learned.LEARNED;
    }

    /** Takes a learned message out of the model, exactly as it was counted. */
    public Forgotten forget(byte[] message) {
        String id = digest(message);
        Optional<LearnedAs> learned = model.learnedAs(id);
        if (learned.isEmpty()) {
            return Forgotten.NOT_LEARNED;
        }
        if (!learned.get().isRecorded()) {
            return Forgotten.UNRECORDED;
        }
        MessageText text = MessageTextExtractor.extract(message, attachments);
        return unlearn(tokenizer.tokens(text), CjkNgrams.of(text), learned.get(), id) ? Forgotten.FORGOTTEN : Forgotten.NOT_LEARNED;
    }

    private boolean unlearn(Set<String> tokens, int[] ngrams, LearnedAs as, String id) {
        if (!model.unlearn(tokens, as, id)) {
            return false;
        }
        if (as.movedNgrams()) {
            opinion.move(ngrams, as.isSpam(), -1);
        }
        return true;
    }

    public static String verdict(double probability) {
        if (probability >= SPAM_CUTOFF) {
            return "spam";
        }
        return probability <= HAM_CUTOFF ? "ham" : "unsure";
    }

    static String digest(byte[] message) {
        try {
            return String.format("%040x", new BigInteger(1, MessageDigest.getInstance("SHA-1").digest(message)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
        }
    }
}
