package org.tracewall.james.smtp;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.rate.RateDecision;
import org.tracewall.core.rate.RateLimiter;
import org.tracewall.james.TracewallRuntime;

/**
 * Rate control at MAIL FROM and RCPT TO: messages per 15 minutes and per
 * day per client, per sender and per authenticated user, recipients per message, each with
 * the limits of the client's policy group; clients that keep exceeding them land on the
 * soft-bounce list. Replies are temporary: {@code 451 4.7.0} for a message rate or the
 * soft-bounce list, {@code 452 4.5.3} for too many recipients. Limits are the {@code rate.*}
 * keys of tracewall.properties. Authorized networks ({@code authorizedAddresses}) are not
 * limited; authenticated users are, by their user limit.
 *
 * <pre>{@code
 * <handler class="org.tracewall.james.smtp.RateLimitHook"/>
 * }</pre>
 */
public class RateLimitHook implements MailHook, RcptHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(RateLimitHook.class);

    /** A supplier: the limits change at run time (WebAdmin's rate routes), and each command asks the ones in effect. */
    private final Supplier<RateLimiter> limiter;

    @Inject
    public RateLimitHook(TracewallRuntime runtime) {
        this(runtime::rateLimiter);
    }

    RateLimitHook(RateLimiter limiter) {
        this(() -> limiter);
    }

    private RateLimitHook(Supplier<RateLimiter> limiter) {
        this.limiter = limiter;
    }

    /** It takes no parameters: a child element in its {@code <handler>} is a mistake, named at start. */
    public static final OptionSection PARAMETERS = OptionSection.elements("RateLimitHook");

    @Override
    public void init(Configuration config) throws ConfigurationException {
        HandlerParameters.read(config, PARAMETERS);
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        if (session.getUsername() == null && session.isRelayingAllowed()) {
            return HookResult.DECLINED;
        }
        String from = sender.asOptional().map(Object::toString).orElse("");
        Optional<String> user = Optional.ofNullable(session.getUsername()).map(u -> u.asString());
        RateDecision decision = limiter.get().onMail(session.getRemoteAddress().getAddress(), from, user);
        return reply(decision, SMTPRetCode.LOCAL_ERROR, DSNStatus.getStatus(DSNStatus.TRANSIENT, DSNStatus.SECURITY_OTHER));
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        if (session.getUsername() == null && session.isRelayingAllowed()) {
            return HookResult.DECLINED;
        }
        int accepted = session.getAttachment(SMTPSession.RCPT_LIST, ProtocolSession.State.Transaction).map(List::size).orElse(0);
        String from = sender.asOptional().map(Object::toString).orElse("");
        Optional<String> user = Optional.ofNullable(session.getUsername()).map(u -> u.asString());
        RateDecision decision = limiter.get().onRcpt(session.getRemoteAddress().getAddress(), from, accepted + 1, user);
        return reply(decision, "452", "4.5.3");
    }

    private static HookResult reply(RateDecision decision, String code, String status) {
        if (decision.isAllowed()) {
            return HookResult.DECLINED;
        }
        LOGGER.info("rate limit {}: {}", decision.limit(), decision.text());
        return HookResult.builder().hookReturnCode(HookReturnCode.denySoft())
            .smtpReturnCode(code)
            .smtpDescription(status + " " + SmtpText.safe(decision.text()))
            .build();
    }
}
