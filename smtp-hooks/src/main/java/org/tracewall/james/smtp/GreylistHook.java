package org.tracewall.james.smtp;

import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.handler.ExtensibleHandler;
import org.apache.james.protocols.api.handler.WiringException;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.config.Option;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.trace.TraceResult;
import org.tracewall.core.trace.TraceVerdict;
import org.tracewall.greylist.Greylist;
import org.tracewall.greylist.GreylistVerdict;
import org.tracewall.james.TracewallRuntime;

/**
 * Greylisting at RCPT TO: the first attempt of a (client network, sender,
 * recipient) triplet gets {@code 451 4.7.1} with the time to wait; a retry after the delay
 * passes. Authenticated and relay-allowed clients are never greylisted. With
 * {@code <apply>untraceable</apply>} mail already traced by {@link TraceabilityHook} (which
 * must be in the same chain: James's start fails otherwise, since without it every message would
 * be greylisted) is not greylisted either. Delays,
 * whitelists and the store are set in tracewall.properties ({@code greylist.*}, {@code store.*});
 * if the store is down, mail passes (fail-open, counted and logged).
 *
 * <pre>{@code
 * <handler class="org.tracewall.james.smtp.GreylistHook">
 *     <apply>untraceable</apply>   <!-- all | untraceable -->
 * </handler>
 * }</pre>
 */
public class GreylistHook implements RcptHook, ExtensibleHandler {
    private static final Logger LOGGER = LoggerFactory.getLogger(GreylistHook.class);

    private final Greylist greylist;
    private boolean onlyUntraceable = true;
    private boolean configured;
    /** Whether the chain has a TraceabilityHook; null until James wires the chain. */
    private Boolean traceabilityInChain;

    @Inject
    public GreylistHook(TracewallRuntime runtime) {
        this(runtime.greylist());
    }

    GreylistHook(Greylist greylist) {
        this.greylist = greylist;
    }

    /** Which senders are greylisted. */
    enum Apply { ALL, UNTRACEABLE }

    static final Option<Apply> APPLY = Option.choice("apply", Apply.class, Apply.UNTRACEABLE,
        "untraceable: only senders TraceabilityHook did not trace (it must come first); all: every sender");
    public static final OptionSection PARAMETERS = OptionSection.elements("GreylistHook", APPLY);

    @Override
    public void init(Configuration config) throws ConfigurationException {
        onlyUntraceable = HandlerParameters.read(config, PARAMETERS).get(APPLY) == Apply.UNTRACEABLE;
        configured = true;
        Optional<String> problem = wiringProblem();
        if (problem.isPresent()) {
            throw new ConfigurationException(problem.get());
        }
    }

    @Override
    public List<Class<?>> getMarkerInterfaces() {
        return List.of(MailHook.class);
    }

    /** James hands every MAIL hook of the chain, in order: is the traceability verdict going to be there? */
    @Override
    public void wireExtensions(Class<?> marker, List<?> mailHooks) throws WiringException {
        traceabilityInChain = mailHooks.stream().anyMatch(TraceabilityHook.class::isInstance);
        Optional<String> problem = wiringProblem();
        if (problem.isPresent()) {
            throw new WiringException(problem.get());
        }
    }

    /** Judged once both the parameters and the chain are known, whichever James gives first. */
    private Optional<String> wiringProblem() {
        if (configured && onlyUntraceable && Boolean.FALSE.equals(traceabilityInChain)) {
            return Optional.of("GreylistHook with <apply>untraceable</apply> needs TraceabilityHook in the same handler chain:"
                + " without its verdict every message is greylisted (add it, or set <apply>all</apply>)");
        }
        return Optional.empty();
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        if (SessionTrust.skipsSpamChecks(session, rcpt) || SessionTrust.isAutoWhitelisted(session, rcpt)) {
            return HookResult.DECLINED;
        }
        if (onlyUntraceable) {
            Optional<TraceVerdict> trace = session.getAttachment(TraceabilityHook.VERDICT, ProtocolSession.State.Transaction);
            if (trace.isPresent() && trace.get().result() == TraceResult.TRACEABLE) {
                return HookResult.DECLINED;
            }
        }
        String from = sender.asOptional().map(Object::toString).orElse("");
        GreylistVerdict verdict = greylist.check(session.getRemoteAddress().getAddress(), from, rcpt.asString());
        if (!verdict.isDeferred()) {
            return HookResult.DECLINED;
        }
        long seconds = Math.max(1, verdict.retryAfter().toSeconds());
        LOGGER.info("greylist ip={} from=<{}> rcpt=<{}> deferred: {}", session.getRemoteAddress().getAddress().getHostAddress(),
            SmtpText.safe(from), rcpt.asString(), verdict.reason());
        return HookResult.builder().hookReturnCode(HookReturnCode.denySoft())
            .smtpReturnCode(SMTPRetCode.LOCAL_ERROR)
            .smtpDescription(DSNStatus.getStatus(DSNStatus.TRANSIENT, DSNStatus.SECURITY_AUTH)
                + " Greylisted (" + verdict.reason() + "): please try again in " + seconds + " seconds")
            .build();
    }
}
