package org.tracewall.james.matchers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.Address;
import javax.mail.MessagingException;
import javax.mail.internet.InternetAddress;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.tracewall.core.trace.SenderBinding;
import org.tracewall.james.JamesSenderBinding;
import org.tracewall.james.TraceAttributes;

/**
 * Matches mail that breaks internal traceability (seed 002): a local-domain MAIL FROM or
 * header From without SMTP AUTH, or an authenticated user sending as an address James's
 * alias rules do not give it. Mail not received over SMTP (sent by mailets) never matches.
 * The matcher twin of {@code SenderBindingHook}, for annotate-only setups.
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

    @Override
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        if (mail.getRemoteAddr() == null || mail.getAttribute(Mail.SENT_BY_MAILET_ATTRIBUTE.getName()).isPresent()) {
            return Set.of();
        }
        Optional<String> user = TraceAttributes.string(mail, Mail.SMTP_AUTH_USER);
        List<String> senders = new ArrayList<>();
        senders.add(mail.getMaybeSender().asOptional().map(Object::toString).orElse(""));
        Address[] from = mail.getMessage() == null ? null : mail.getMessage().getFrom();
        if (from != null) {
            for (Address address : from) {
                if (address instanceof InternetAddress && ((InternetAddress) address).getAddress() != null) {
                    senders.add(((InternetAddress) address).getAddress());
                }
            }
        }
        for (String sender : senders) {
            SenderBinding.Outcome outcome = binding.check(sender, user);
            if (outcome == SenderBinding.Outcome.AUTH_REQUIRED || outcome == SenderBinding.Outcome.FORGED) {
                return mail.getRecipients();
            }
        }
        return Set.of();
    }

    @Override
    public String getMatcherInfo() {
        return "Is Forged Local Sender";
    }
}
