package org.tracewall.james.smtp;

import java.util.function.Supplier;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.HeloHook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.rate.RateDecision;
import org.tracewall.core.rate.RateLimiter;
import org.tracewall.james.Tracewall;
import org.tracewall.james.TracewallRuntime;

/**
 * Connection control (sendmail's conncontrol, soft-bounce list), judged at the
 * client's first HELO/EHLO: a client over its connections per minute, or on the soft-bounce
 * list, gets {@code 421 4.7.0} and is disconnected. (James 3.8.1's connect-handler statistics
 * cannot take a handler that lets the banner through, hence the first command, before which a
 * client can send nothing anyway.) Authorized networks pass. For concurrent connections per IP
 * use James's own {@code <connectionLimitPerIP>}.
 *
 * <pre>{@code
 * <handler class="org.tracewall.james.smtp.ConnectionRateHook"/>
 * }</pre>
 */
public class ConnectionRateHook implements HeloHook {
    static final ProtocolSession.AttachmentKey<Boolean> COUNTED =
        ProtocolSession.AttachmentKey.of(Tracewall.NAMESPACE + ".smtp.connectionCounted", Boolean.class);
    private static final Logger LOGGER = LoggerFactory.getLogger(ConnectionRateHook.class);

    /** A supplier: the limits change at run time (WebAdmin's rate routes), and each command asks the ones in effect. */
    private final Supplier<RateLimiter> limiter;

    @Inject
    public ConnectionRateHook(TracewallRuntime runtime) {
        this(runtime::rateLimiter);
    }

    ConnectionRateHook(RateLimiter limiter) {
        this(() -> limiter);
    }

    private ConnectionRateHook(Supplier<RateLimiter> limiter) {
        this.limiter = limiter;
    }

    /** It takes no parameters: a child element in its {@code <handler>} is a mistake, named at start. */
    public static final OptionSection PARAMETERS = OptionSection.elements("ConnectionRateHook");

    @Override
    public void init(Configuration config) throws ConfigurationException {
        HandlerParameters.read(config, PARAMETERS);
    }

    @Override
    public HookResult doHelo(SMTPSession session, String helo) {
        if (session.isRelayingAllowed() || session.getAttachment(COUNTED, ProtocolSession.State.Connection).isPresent()) {
            return HookResult.DECLINED;
        }
        session.setAttachment(COUNTED, true, ProtocolSession.State.Connection);
        RateDecision decision = limiter.get().onConnect(session.getRemoteAddress().getAddress());
        if (decision.isAllowed()) {
            return HookResult.DECLINED;
        }
        LOGGER.info("connection refused, {}: {}", decision.limit(), decision.text());
        return HookResult.builder().hookReturnCode(HookReturnCode.disconnected(HookReturnCode.Action.DENYSOFT))
            .smtpReturnCode(SMTPRetCode.SERVICE_NOT_AVAILABLE)
            .smtpDescription(DSNStatus.getStatus(DSNStatus.TRANSIENT, DSNStatus.SECURITY_OTHER) + " " + SmtpText.safe(decision.text()))
            .build();
    }
}
