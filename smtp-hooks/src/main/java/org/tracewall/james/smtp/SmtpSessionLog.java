package org.tracewall.james.smtp;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.Hook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookResultHook;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.net.IpAddresses;
import org.tracewall.james.SmtpSessionId;

/**
 * One log line per refused SMTP command, and the session's id on every accepted mail, so that the
 * lines of one message join up: {@code tracewall-refusal session=... ip=... hook=TraceabilityHook
 * reply=550 5.7.23 ...} for each hook that refused or deferred a command (any hook of the chain,
 * James's own included), and the attribute {@code org.tracewall.smtp.session} that the container's
 * {@code tracewall-decision} line of {@code ScoreMessage} prints as {@code session=}. No message
 * text: a reply is the server's own words (attacker-supplied parts made printable). Each refusal is
 * counted too, as the James metric {@code tracewall.refusal.<Hook>.<code>}. Put it right
 * after HeaderLimitsHook (the first message hook, which bounds the header section), before the others.
 *
 * <pre>{@code
 * <handler class="org.tracewall.james.smtp.SmtpSessionLog"/>
 * }</pre>
 */
public class SmtpSessionLog implements HookResultHook, JamesMessageHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(SmtpSessionLog.class);

    /** It takes no parameters: a child element is a mistake, named at start. */
    public static final OptionSection PARAMETERS = OptionSection.elements("SmtpSessionLog");

    private final MetricFactory metrics;

    /** @param metrics counts each refusal as {@code tracewall.refusal.<Hook>.<code>} */
    @Inject
    public SmtpSessionLog(MetricFactory metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(Configuration config) throws ConfigurationException {
        HandlerParameters.read(config, PARAMETERS);
    }

    @Override
    public HookResult onHookResult(SMTPSession session, HookResult result, long executionTime, Hook hook) {
        HookReturnCode.Action action = result.getResult().getAction();
        if (action == HookReturnCode.Action.DENY || action == HookReturnCode.Action.DENYSOFT) {
            String code = result.getSmtpRetCode() == null ? (action == HookReturnCode.Action.DENY ? "5xx" : "4xx") : result.getSmtpRetCode();
            LOGGER.info("tracewall-refusal session={} ip={} hook={} reply={} {}", session.getSessionID(),
                IpAddresses.readable(session.getRemoteAddress().getAddress()), hook.getClass().getSimpleName(), code,
                result.getSmtpDescription() == null ? "" : SmtpText.safe(result.getSmtpDescription()));
            metrics.generate("tracewall.refusal." + hook.getClass().getSimpleName() + "." + code).increment();
        }
        return result;
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        mail.setAttribute(new Attribute(SmtpSessionId.ATTRIBUTE, AttributeValue.of(session.getSessionID())));
        return HookResult.DECLINED;
    }
}
