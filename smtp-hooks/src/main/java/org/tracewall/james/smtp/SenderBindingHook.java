package org.tracewall.james.smtp;

import java.util.List;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
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
import org.tracewall.core.config.Option;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.trace.DisplayedAddresses;
import org.tracewall.core.trace.SenderBinding;
import org.tracewall.james.JamesSenderBinding;

/**
 * Internal traceability: a local-domain sender must use SMTP AUTH, also when
 * writing to local recipients, and the authenticated user must be allowed (by James's alias
 * rules, {@code CanSendFrom}) to send as the MAIL FROM address and as the header From.
 * Clients in {@code authorizedAddresses} without AUTH are trusted and not checked.
 *
 * <p>At the end of DATA ({@code checkHeaderFrom}, on by default) the raw From and Sender headers are
 * read as leniently as any mail client reads them ({@link DisplayedAddresses}): every address one could
 * display as the author, group members, unbalanced or encoded forms and addresses in display names
 * included, is bound like MAIL FROM. A message with several From headers, or a From with no readable
 * address, is refused with 554 5.6.0 whoever sends it, since no reader can tell who wrote it.
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

    static final Option<Boolean> CHECK_HEADER_FROM = Option.bool("checkHeaderFrom", true,
        "also bind the From and Sender headers' addresses at the end of DATA");
    public static final OptionSection PARAMETERS = OptionSection.elements("SenderBindingHook", CHECK_HEADER_FROM);

    @Override
    public void init(Configuration config) throws ConfigurationException {
        checkHeaderFrom = HandlerParameters.read(config, PARAMETERS).get(CHECK_HEADER_FROM);
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        Optional<String> user = authUser(session);
        if (user.isEmpty() && session.isRelayingAllowed()) {
            return HookResult.DECLINED;
        }
        String address = sender.asOptional().map(Object::toString).orElse("");
        return judge(binding.check(address, user), address, user, "MAIL FROM", false);
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        Optional<String> user = authUser(session);
        if (!checkHeaderFrom || (user.isEmpty() && session.isRelayingAllowed())) {
            return HookResult.DECLINED;
        }
        Optional<DisplayedAddresses> headers = headers(mail);
        if (headers.isEmpty()) {
            return HookResult.DECLINED;
        }
        SenderBinding.HeaderVerdict verdict = binding.checkHeaders(headers.get(), user);
        if (verdict.problem().isPresent()) {
            LOGGER.info("sender-binding header From unreadable ({}) user={}: rejected", verdict.problem().get(), user.orElse(""));
            return unreadableHeaders(verdict.problem().get());
        }
        return judge(verdict.outcome(), verdict.address(), user, "header " + verdict.header(), true);
    }

    /**
     * At the end of DATA a 530 would ask for AUTH in a transaction that can no longer do it: the
     * message itself is refused (550 5.7.1), saying what to do next time.
     */
    private static HookResult localAuthorWithoutAuth(String address, String where) {
        return HookResult.builder().hookReturnCode(HookReturnCode.deny())
            .smtpReturnCode(SMTPRetCode.MAILBOX_PERM_UNAVAILABLE)
            .smtpDescription(DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.SECURITY_AUTH)
                + " Message refused: the " + where + " shows <" + SmtpText.safe(address) + ">, an address of this server's domains;"
                + " Authentication required: log in (SMTP AUTH) to send as it")
            .build();
    }

    private static HookResult unreadableHeaders(String problem) {
        return HookResult.builder().hookReturnCode(HookReturnCode.deny())
            .smtpReturnCode(SMTPRetCode.TRANSACTION_FAILED)
            .smtpDescription(DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.CONTENT_OTHER)
                + " Message refused: " + problem + " (RFC 5322 requires exactly one From header with a readable address)")
            .build();
    }

    /** @param endOfData whether the message is already sent (header checks): AUTH can no longer be asked for */
    private HookResult judge(SenderBinding.Outcome outcome, String address, Optional<String> user, String where, boolean endOfData) {
        switch (outcome) {
            case AUTH_REQUIRED:
                LOGGER.info("sender-binding {}=<{}> unauthenticated local sender: rejected", where, SmtpText.safe(address));
                return endOfData ? localAuthorWithoutAuth(address, where) : AUTH_REQUIRED;
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

    /** The raw From and Sender headers, not javax.mail's getFrom(), which skips what it cannot parse. */
    private static Optional<DisplayedAddresses> headers(Mail mail) {
        try {
            return Optional.of(DisplayedAddresses.read(values(mail, "From"), values(mail, "Sender")));
        } catch (MessagingException e) {
            // A message whose headers cannot be read at all fails in James anyway; nothing to bind.
            LOGGER.warn("sender-binding cannot read the headers: {}", e.toString());
            return Optional.empty();
        }
    }

    private static List<String> values(Mail mail, String header) throws MessagingException {
        String[] values = mail.getMessage().getHeader(header);
        return values == null ? List.of() : List.of(values);
    }
}
