package org.tracewall.james.smtp;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.smtpserver.fastfail.ValidRcptHandler;
import org.apache.james.user.api.UsersRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.config.Option;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.config.OptionValues;
import org.tracewall.james.Tracewall;

/**
 * James's {@link ValidRcptHandler} (unknown local recipients get 550) plus sendmail's
 * BAD_RCPT_THROTTLE against directory harvesting: after
 * {@code maxBadRecipients} unknown recipients in one connection, the client gets
 * {@code 421 4.7.0} and is disconnected. Use it in place of ValidRcptHandler. Mail to
 * {@code postmaster@} a local domain is always accepted, as RFC 5321 requires.
 *
 * <pre>{@code
 * <handler class="org.tracewall.james.smtp.BadRcptThrottleHandler">
 *     <maxBadRecipients>5</maxBadRecipients>
 * </handler>
 * }</pre>
 */
public class BadRcptThrottleHandler extends ValidRcptHandler {
    static final ProtocolSession.AttachmentKey<Integer> BAD_RECIPIENTS =
        ProtocolSession.AttachmentKey.of(Tracewall.NAMESPACE + ".smtp.badRecipients", Integer.class);
    private static final Logger LOGGER = LoggerFactory.getLogger(BadRcptThrottleHandler.class);

    private final DomainList domains;
    private int maxBadRecipients = 5;

    @Inject
    public BadRcptThrottleHandler(UsersRepository users, RecipientRewriteTable recipientRewriteTable, DomainList domains) {
        super(users, recipientRewriteTable, domains);
        this.domains = domains;
    }

    static final Option<Integer> MAX_BAD_RECIPIENTS = Option.integer("maxBadRecipients", 5, 1, 100_000,
        "unknown recipients in one connection before 421 and disconnect");
    /** ValidRcptHandler's own element, read by it: declared so that it is not refused as unknown. */
    static final Option<Boolean> ENABLE_RECIPIENT_REWRITE_TABLE = Option.bool("enableRecipientRewriteTable", true,
        "James's ValidRcptHandler: a recipient with a rewrite-table mapping is valid");
    public static final OptionSection PARAMETERS = OptionSection.elements("BadRcptThrottleHandler", MAX_BAD_RECIPIENTS,
        ENABLE_RECIPIENT_REWRITE_TABLE);

    @Override
    public void init(Configuration config) throws ConfigurationException {
        OptionValues parameters = HandlerParameters.read(config, PARAMETERS);
        super.init(config);
        maxBadRecipients = parameters.get(MAX_BAD_RECIPIENTS);
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        if (isLocalPostmaster(rcpt)) {
            // RFC 5321 section 4.5.1: every domain MUST accept mail to postmaster, mailbox or not
            // (PostmasterAlias in the mailet container delivers it to the configured postmaster).
            return HookResult.DECLINED;
        }
        HookResult result = super.doRcpt(session, sender, rcpt);
        if (result.getResult().getAction() != HookReturnCode.Action.DENY) {
            return result;
        }
        int bad = session.getAttachment(BAD_RECIPIENTS, ProtocolSession.State.Connection).orElse(0) + 1;
        session.setAttachment(BAD_RECIPIENTS, bad, ProtocolSession.State.Connection);
        if (bad < maxBadRecipients) {
            return result;
        }
        LOGGER.info("bad-rcpt throttle: {} unknown recipients from {}, disconnecting", bad,
            session.getRemoteAddress().getAddress().getHostAddress());
        return HookResult.builder().hookReturnCode(HookReturnCode.disconnected(HookReturnCode.Action.DENYSOFT))
            .smtpReturnCode(SMTPRetCode.SERVICE_NOT_AVAILABLE)
            .smtpDescription(DSNStatus.getStatus(DSNStatus.TRANSIENT, DSNStatus.SECURITY_OTHER)
                + " Too many unknown recipients (" + bad + "); closing the connection")
            .build();
    }

    private boolean isLocalPostmaster(MailAddress rcpt) {
        if (!"postmaster".equalsIgnoreCase(rcpt.getLocalPart())) {
            return false;
        }
        try {
            return domains.containsDomain(rcpt.getDomain());
        } catch (DomainListException e) {
            LOGGER.warn("Cannot check whether {} is local: {}", rcpt.getDomain().asString(), e.toString());
            return false;
        }
    }
}
