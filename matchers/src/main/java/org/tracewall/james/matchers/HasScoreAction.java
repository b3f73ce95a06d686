package org.tracewall.james.matchers;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.tracewall.core.score.ScoreAction;
import org.tracewall.james.ScoreAttributes;

/**
 * Matches all recipients when the scoring decision that {@code ScoreMessage} recorded is one of
 * the actions in the condition (comma separated: accept, tag, quarantine, reject). Mail that
 * was not scored never matches.
 *
 * <pre>{@code
 * <mailet match="org.tracewall.james.matchers.HasScoreAction=quarantine" class="ToRepository">
 *     <repositoryPath>file://var/mail/quarantine/</repositoryPath>
 * </mailet>
 * }</pre>
 */
public class HasScoreAction extends GenericMatcher {
    private Set<ScoreAction> actions;

    @Override
    public void init() throws MessagingException {
        String condition = getCondition();
        if (condition == null || condition.isBlank()) {
            throw new MessagingException("HasScoreAction needs a condition: accept, tag, quarantine and/or reject");
        }
        Set<ScoreAction> parsed = EnumSet.noneOf(ScoreAction.class);
        for (String part : condition.split(",")) {
            try {
                parsed.add(ScoreAction.fromCode(part));
            } catch (IllegalArgumentException e) {
                throw new MessagingException("Invalid condition '" + condition + "' for HasScoreAction: " + e.getMessage());
            }
        }
        actions = Set.copyOf(parsed);
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return ScoreAttributes.action(mail).filter(actions::contains).isPresent() ? mail.getRecipients() : Set.of();
    }

    @Override
    public String getMatcherInfo() {
        return "Has Score Action";
    }
}
