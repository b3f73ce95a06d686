package org.tracewall.james.smtp;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.config.Option;
import org.tracewall.core.config.OptionSection;

/**
 * The rule of a submission port (RFC 6409 section 4.3): no transaction without SMTP AUTH.
 * MAIL FROM from a client that has not authenticated gets {@code 530 5.7.0}. Without it a
 * submission port, which skips the MX port's checks because its users are known, is an open
 * door to local mailboxes. Clients in {@code authorizedAddresses} are refused too unless
 * {@code trustAuthorizedAddresses} is true (for a local agent that cannot log in). Put it
 * first in the submission servers' chains.
 *
 * <pre>{@code
 * <handler class="org.tracewall.james.smtp.RequireAuthHook"/>
 * }</pre>
 */
public class RequireAuthHook implements MailHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(RequireAuthHook.class);
    private static final HookResult AUTH_REQUIRED = HookResult.builder().hookReturnCode(HookReturnCode.deny())
        .smtpReturnCode(SMTPRetCode.AUTH_REQUIRED)
        .smtpDescription(DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.SECURITY_OTHER)
            + " Authentication required: this is a submission port; log in (SMTP AUTH) first")
        .build();

    private boolean trustAuthorizedAddresses;

    static final Option<Boolean> TRUST_AUTHORIZED_ADDRESSES = Option.bool("trustAuthorizedAddresses", false,
        "let clients in the server's authorizedAddresses submit without AUTH");
    public static final OptionSection PARAMETERS = OptionSection.elements("RequireAuthHook", TRUST_AUTHORIZED_ADDRESSES);

    @Override
    public void init(Configuration config) throws ConfigurationException {
        trustAuthorizedAddresses = HandlerParameters.read(config, PARAMETERS).get(TRUST_AUTHORIZED_ADDRESSES);
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        if (session.getUsername() != null || (trustAuthorizedAddresses && session.isRelayingAllowed())) {
            return HookResult.DECLINED;
        }
        LOGGER.info("submission without AUTH from {}: refused", session.getRemoteAddress().getAddress().getHostAddress());
        return AUTH_REQUIRED;
    }
}
