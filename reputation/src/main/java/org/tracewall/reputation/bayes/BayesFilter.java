package org.tracewall.reputation.bayes;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

import org.tracewall.reputation.text.AttachmentReader;
import org.tracewall.reputation.text.MessageTextExtractor;
import org.tracewall.reputation.text.Tokenizer;

/**
 * A raw message in, a spam probability out: text extraction, tokens, classifier, over one model.
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

    public BayesFilter(TokenCounts model, Tokenizer tokenizer) {
        this(model, tokenizer, AttachmentReader.NONE);
    }

    /** @param attachments reads attached documents (PDF, office) into the text; NONE: only named */
    public BayesFilter(TokenCounts model, Tokenizer tokenizer, AttachmentReader attachments) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.attachments = attachments;
        this.classifier = new BayesClassifier(model);
    }

    public TokenCounts model() {
        return model;
    }

    public Set<String> tokens(byte[] message) {
        return tokenizer.tokens(MessageTextExtractor.extract(message, attachments));
    }

    public double spamProbability(byte[] message) {
        return classifier.spamProbability(tokens(message));
    }

    public boolean isTrained() {
        return classifier.isTrained();
    }

    /** @return false when this exact message was learned before */
    public boolean learn(byte[] message, boolean spam) {
        return model.learn(tokens(message), spam, digest(message));
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
