package org.tracewall.james;

import java.util.Optional;

import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;
import org.tracewall.core.score.KnownSymbol;

/** The Bayes verdict as a mail attribute, written by {@code BayesScore}, read by {@code BayesScoreAbove}. */
public final class BayesAttributes {
    /** Spam probability 0..1, a Double; absent while the model is untrained. */
    public static final AttributeName PROBABILITY = AttributeName.of(Tracewall.NAMESPACE + ".bayes.probability");
    /** The scoring symbol; its factor is 2p - 1 (-1 sure ham .. 1 sure spam). */
    public static final String SYMBOL = KnownSymbol.BAYES.name();

    private BayesAttributes() {
    }

    public static Optional<Double> probability(Mail mail) {
        return TraceAttributes.value(mail, PROBABILITY, Double.class);
    }
}
