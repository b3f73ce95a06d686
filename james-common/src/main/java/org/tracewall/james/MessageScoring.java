package org.tracewall.james;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.mail.MessagingException;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.tracewall.core.content.ContentRules;
import org.tracewall.core.score.Direction;
import org.tracewall.core.score.ScoreConfig;
import org.tracewall.core.score.ScoreDecision;
import org.tracewall.core.score.ScoreInput;
import org.tracewall.core.score.Symbol;
import org.tracewall.reputation.text.MessageText;
import org.tracewall.reputation.text.MimeMessageContent;

/**
 * Scores a James {@link Mail} with the policy: envelope, direction and recorded symbols from the
 * mail, plus the content check's symbols over its MIME message. Both the end-of-DATA hook and the mailet use it, so the
 * session and the mailet container reach the same verdict on the same facts.
 */
public final class MessageScoring {
    /** Set once the content rules have run on the mail (their symbols are then among the mail's). */
    public static final AttributeName CONTENT_RULES_RUN = AttributeName.of(Tracewall.NAMESPACE + ".score.contentRulesRun");
    private MessageScoring() {
    }

    /**
     * @param score       the content rules, run over the message's headers and text, and the policy that weighs the symbols
     * @param text        the mail's text ({@link MailText}), asked for only when a content rule reads the body
     * @param client      the SMTP client, null when unknown
     * @param localSender the sender authenticated or came from a trusted network
     * @param isLocal     whether a domain is one of this server's
     */
    public static ScoreDecision evaluate(ScoreConfig score, Supplier<MessageText> text, Mail mail, InetAddress client,
                                         boolean localSender, Predicate<Domain> isLocal) {
        List<MailAddress> recipients = List.copyOf(mail.getRecipients());
        boolean allLocal = !recipients.isEmpty() && recipients.stream().allMatch(r -> isLocal.test(r.getDomain()));
        List<Symbol> symbols = new ArrayList<>(ScoreSymbols.read(mail));
        if (mail.getAttribute(CONTENT_RULES_RUN).isEmpty()) {
            // Once per mail: the container scores again with what it added, over the same content rules'
            // symbols that the end of DATA found, recorded with the mail, instead of running them again.
            List<Symbol> content = detect(score.contentRules(), text, mail);
            ScoreSymbols.add(mail, content);
            mail.setAttribute(new Attribute(CONTENT_RULES_RUN, AttributeValue.of(true)));
            symbols.addAll(content);
        }
        ScoreInput input = new ScoreInput(client,
            mail.getMaybeSender().asOptional().map(s -> s.getDomain().asString()).orElse(null),
            recipients.stream().map(r -> r.getDomain().asString()).distinct().collect(Collectors.toList()),
            Direction.of(localSender, allLocal), symbols);
        return score.policy().evaluate(input);
    }

    private static List<Symbol> detect(ContentRules rules, Supplier<MessageText> text, Mail mail) {
        try {
            if (rules.isEmpty() || mail.getMessage() == null) {
                return List.of();
            }
            return rules.detect(new MimeMessageContent(mail.getMessage(), () -> text.get().body()));
        } catch (MessagingException e) {
            return List.of(); // no readable message: the content rules have nothing to read
        }
    }
}
