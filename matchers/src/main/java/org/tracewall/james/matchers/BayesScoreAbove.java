package org.tracewall.james.matchers;

import java.util.Collection;
import java.util.Set;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.tracewall.james.BayesAttributes;

/**
 * Matches all recipients when {@code BayesScore} found a spam probability at or above the
 * condition (0 to 1). Mail without a probability (untrained model) never matches.
 *
 * <pre>{@code
 * <mailet match="org.tracewall.james.matchers.BayesScoreAbove=0.99" class="SetMimeHeader">
 *     <name>X-Tracewall-Bayes-Flag</name>
 *     <value>YES</value>
 * </mailet>
 * }</pre>
 */
public class BayesScoreAbove extends GenericMatcher {
    private double threshold;

    @Override
    public void init() throws MessagingException {
        String condition = getCondition();
        try {
            threshold = Double.parseDouble(condition == null ? "" : condition.trim());
        } catch (NumberFormatException e) {
            throw new MessagingException("BayesScoreAbove needs a probability from 0 to 1, not '" + condition + "'");
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new MessagingException("BayesScoreAbove needs a probability from 0 to 1, not '" + condition + "'");
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return BayesAttributes.probability(mail).filter(p -> p >= threshold).isPresent() ? mail.getRecipients() : Set.of();
    }

    @Override
    public String getMatcherInfo() {
        return "Bayes Score Above";
    }
}
