package org.tracewall.james;

import java.util.List;
import java.util.Optional;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.score.ScoreAction;
import org.tracewall.core.store.StoreUnavailableException;
import org.tracewall.reputation.sender.ReputationFeatures;
import org.tracewall.reputation.sender.ReputationStore;

/**
 * The reputation features of a mail, from the end-of-DATA check that read them to the decision
 * that teaches them (one per line, a string James can keep in any queue), and that teaching: a
 * refused or quarantined mail is a bad outcome for each of its features, a mail accepted without a
 * tag a good one; a tagged mail teaches nothing (the filter was not sure).
 */
public final class ReputationAttributes {
    public static final AttributeName FEATURES = AttributeName.of(Tracewall.NAMESPACE + ".reputation.features");
    private static final Logger LOGGER = LoggerFactory.getLogger(ReputationAttributes.class);

    private ReputationAttributes() {
    }

    public static void store(Mail mail, ReputationFeatures features) {
        mail.setAttribute(new Attribute(FEATURES, AttributeValue.of(String.join("\n", features.keys()))));
    }

    public static Optional<ReputationFeatures> features(Mail mail) {
        return TraceAttributes.string(mail, FEATURES).map(value -> ReputationFeatures.ofKeys(List.of(value.split("\n"))));
    }

    /** Teaches the mail's features what the decision says of them; once per mail (the attribute is removed). */
    public static void learn(Mail mail, ScoreAction action, ReputationStore reputation) {
        Optional<ReputationFeatures> features = features(mail);
        if (features.isEmpty() || action == ScoreAction.TAG) {
            return;
        }
        mail.removeAttribute(FEATURES);
        try {
            reputation.record(features.get(), action == ScoreAction.ACCEPT ? ReputationStore.Outcome.GOOD : ReputationStore.Outcome.BAD);
        } catch (StoreUnavailableException e) {
            LOGGER.warn("reputation: state store unavailable, {} not learned: {}", mail.getName(), e.getMessage());
        }
    }
}
