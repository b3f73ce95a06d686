package org.tracewall.james.matchers;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.tracewall.core.trace.DisplayedAddresses;
import org.tracewall.core.trace.SenderBinding;
import org.tracewall.james.JamesSenderBinding;
import org.tracewall.james.TraceAttributes;

/**
 * Matches mail that breaks internal traceability: a local-domain MAIL FROM or
 * header From without SMTP AUTH, or an authenticated user sending as an address James's
 * alias rules do not give it. Mail not received over SMTP (sent by mailets) never matches.
 * The matcher twin of {@code SenderBindingHook}, for annotate-only setups, with the same header
 * rule: every address a client could display from the raw From and Sender headers is bound
 * ({@link DisplayedAddresses}: groups, unbalanced or encoded forms, addresses in display names), and
 * mail with several From headers or a From with no readable address matches too.
 *
 * <pre>{@code
 * <mailet match="org.tracewall.james.matchers.IsForgedLocalSender" class="AddSubjectPrefix">
 *     <subjectPrefix>[forged sender]</subjectPrefix>
 * </mailet>
 * }</pre>
 */
public class IsForgedLocalSender extends GenericMatcher {
    private final SenderBinding binding;

    @Inject
    public IsForgedLocalSender(JamesSenderBinding binding) {
        this.binding = binding.binding();
    }

    /** It takes no condition: one given is a mistake, named at start. */
    @Override
    public void init() throws MessagingException {
        NoCondition.require(this);
    }

    @Override
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        if (mail.getRemoteAddr() == null || mail.getAttribute(Mail.SENT_BY_MAILET_ATTRIBUTE.getName()).isPresent()) {
            return Set.of();
        }
        Optional<String> user = TraceAttributes.string(mail, Mail.SMTP_AUTH_USER);
        String envelope = mail.getMaybeSender().asOptional().map(Object::toString).orElse("");
        SenderBinding.Outcome outcome = binding.check(envelope, user);
        boolean forged = outcome == SenderBinding.Outcome.AUTH_REQUIRED || outcome == SenderBinding.Outcome.FORGED;
        if (forged || mail.getMessage() != null && binding.checkHeaders(headers(mail.getMessage()), user).refused()) {
            return mail.getRecipients();
        }
        return Set.of();
    }

    /** The raw headers, not getFrom(): javax.mail skips or misreads what a client still displays. */
    private static DisplayedAddresses headers(MimeMessage message) throws MessagingException {
        return DisplayedAddresses.read(values(message, "From"), values(message, "Sender"));
    }

    private static List<String> values(MimeMessage message, String header) throws MessagingException {
        String[] values = message.getHeader(header);
        return values == null ? List.of() : List.of(values);
    }

    @Override
    public String getMatcherInfo() {
        return "Is Forged Local Sender";
    }
}
