package org.tracewall.james;

import java.util.Optional;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.tracewall.core.score.ScoreAction;
import org.tracewall.core.score.ScoreDecision;

/** The mail attributes of a scoring decision, for matchers ({@code HasScoreAction}) and other mailets. */
public final class ScoreAttributes {
    /** The total, a Double. */
    public static final AttributeName SCORE = AttributeName.of(Tracewall.NAMESPACE + ".score.value");
    /** "accept", "tag", "quarantine" or "reject". */
    public static final AttributeName ACTION = AttributeName.of(Tracewall.NAMESPACE + ".score.action");
    /** "DNSBL(5.00), HELO_NOT_FQDN(1.50)", as the X-Tracewall-Rules header. */
    public static final AttributeName RULES = AttributeName.of(Tracewall.NAMESPACE + ".score.rules");
    /** The policy group whose thresholds applied. */
    public static final AttributeName GROUP = AttributeName.of(Tracewall.NAMESPACE + ".score.group");
    /** "inbound", "outbound" or "internal". */
    public static final AttributeName DIRECTION = AttributeName.of(Tracewall.NAMESPACE + ".score.direction");

    private ScoreAttributes() {
    }

    public static void store(Mail mail, ScoreDecision decision) {
        mail.setAttribute(new Attribute(SCORE, AttributeValue.of(decision.score())));
        mail.setAttribute(new Attribute(ACTION, AttributeValue.of(decision.action().code())));
        mail.setAttribute(new Attribute(RULES, AttributeValue.of(decision.rulesHeader())));
        mail.setAttribute(new Attribute(GROUP, AttributeValue.of(decision.group())));
        mail.setAttribute(new Attribute(DIRECTION, AttributeValue.of(decision.direction().code())));
    }

    public static Optional<ScoreAction> action(Mail mail) {
        return TraceAttributes.string(mail, ACTION).map(ScoreAction::fromCode);
    }
}
