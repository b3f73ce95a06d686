package org.tracewall.reputation.bayes;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

import org.tracewall.reputation.text.AttachmentReader;
import org.tracewall.reputation.text.MessageText;
import org.tracewall.reputation.text.MessageTextExtractor;
import org.tracewall.reputation.text.Tokenizer;

/**
 * A raw message in, a spam probability out: text extraction, tokens, the Bayes classifier and,
 * for CJK text, the {@link CjkOpinion}, over one model.
 * Learning counts a message once (its SHA-1 digest is the learned id). Thread-safe.
 */
public final class BayesFilter {
    /** At or over: spam. */
    public static final double SPAM_CUTOFF = 0.90;
    /** At or under: ham; between the two: unsure (SpamBayes' defaults). */
    public static final double HAM_CUTOFF = 0.20;

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

    /** @return false when this exact message was learned before */
    public boolean learn(byte[] message, boolean spam) {
        MessageText text = MessageTextExtractor.extract(message, attachments);
        if (!model.learn(tokenizer.tokens(text), spam, digest(message))) {
            return false;
        }
        opinion.learn(CjkNgrams.of(text), spam);
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
