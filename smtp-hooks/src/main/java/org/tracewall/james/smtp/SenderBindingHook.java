package org.tracewall.james.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.Address;
import javax.mail.MessagingException;
import javax.mail.internet.InternetAddress;

import org.apache.commons.configuration2.Configuration;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.trace.SenderBinding;
import org.tracewall.james.JamesSenderBinding;

/**
 * Internal traceability (seed 002): a local-domain sender must use SMTP AUTH, also when
 * writing to local recipients, and the authenticated user must be allowed (by James's alias
 * rules, {@code CanSendFrom}) to send as the MAIL FROM address and as the header From.
 * Clients in {@code authorizedAddresses} without AUTH are trusted and not checked.
 *
 * <pre>{@code
 * <handler class="org.tracewall.james.smtp.SenderBindingHook">
 *     <checkHeaderFrom>true</checkHeaderFrom>
 * </handler>
 * }</pre>
 */
public class SenderBindingHook implements MailHook, JamesMessageHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(SenderBindingHook.class);
    private static final HookResult AUTH_REQUIRED = HookResult.builder().hookReturnCode(HookReturnCode.deny())
        .smtpReturnCode(SMTPRetCode.AUTH_REQUIRED)
        .smtpDescription(DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.SECURITY_OTHER)
            + " Authentication required: senders in this server's domains must log in (SMTP AUTH), also to write to local users")
        .build();

    private final SenderBinding binding;
    private boolean checkHeaderFrom = true;

    @Inject
    public SenderBindingHook(JamesSenderBinding binding) {
        this.binding = binding.binding();
    }

    @Override
    public void init(Configuration config) {
        checkHeaderFrom = config.getBoolean("checkHeaderFrom", true);
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        Optional<String> user = authUser(session);
        if (user.isEmpty() && session.isRelayingAllowed()) {
            return HookResult.DECLINED;
        }
        String address = sender.asOptional().map(Object::toString).orElse("");
        return judge(binding.check(address, user), address, user, "MAIL FROM");
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        Optional<String> user = authUser(session);
        if (!checkHeaderFrom || (user.isEmpty() && session.isRelayingAllowed())) {
            return HookResult.DECLINED;
        }
        for (String from : headerFrom(mail)) {
            HookResult result = judge(binding.check(from, user), from, user, "header From");
            if (result != HookResult.DECLINED) {
                return result;
            }
        }
        return HookResult.DECLINED;
    }

    private HookResult judge(SenderBinding.Outcome outcome, String address, Optional<String> user, String where) {
        switch (outcome) {
            case AUTH_REQUIRED:
                LOGGER.info("sender-binding {}=<{}> unauthenticated local sender: rejected", where, SmtpText.safe(address));
                return AUTH_REQUIRED;
            case FORGED:
                LOGGER.info("sender-binding {}=<{}> user={}: not allowed, rejected", where, SmtpText.safe(address), user.orElse(""));
                return HookResult.builder().hookReturnCode(HookReturnCode.deny())
                    .smtpReturnCode(SMTPRetCode.MAILBOX_PERM_UNAVAILABLE)
                    .smtpDescription(DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.SECURITY_AUTH)
                        + " User " + user.orElse("") + " is not allowed to send as <" + SmtpText.safe(address) + "> (" + where
                        + "); use your own address or one of your aliases")
                    .build();
            default:
                return HookResult.DECLINED;
        }
    }

    private static Optional<String> authUser(SMTPSession session) {
        return Optional.ofNullable(session.getUsername()).map(u -> u.asString());
    }

    private static List<String> headerFrom(Mail mail) {
        List<String> addresses = new ArrayList<>();
        try {
            Address[] from = mail.getMessage().getFrom();
            if (from != null) {
                for (Address address : from) {
                    if (address instanceof InternetAddress && ((InternetAddress) address).getAddress() != null) {
                        addresses.add(((InternetAddress) address).getAddress());
                    }
                }
            }
        } catch (MessagingException e) {
            // An unparsable From: is for content checks to judge; binding only judges addresses it can read.
            LOGGER.debug("unreadable From header", e);
        }
        return addresses;
    }
}
