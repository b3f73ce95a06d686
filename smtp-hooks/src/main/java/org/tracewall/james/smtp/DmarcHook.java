package org.tracewall.james.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.config.Option;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.config.OptionValues;
import org.tracewall.core.dkim.DkimResult;
import org.tracewall.core.dkim.DkimVerifier;
import org.tracewall.core.dkim.RawMessage;
import org.tracewall.core.dmarc.DmarcEvaluator;
import org.tracewall.core.dmarc.DmarcPolicy;
import org.tracewall.core.dmarc.DmarcResult;
import org.tracewall.core.net.IpAddresses;
import org.tracewall.core.score.KnownSymbol;
import org.tracewall.core.score.Symbol;
import org.tracewall.core.spf.SpfResult;
import org.tracewall.core.trace.TraceVerdict;
import org.tracewall.james.AuthenticationAttributes;
import org.tracewall.james.ScoreSymbols;
import org.tracewall.james.TracewallRuntime;

/**
 * DKIM and DMARC at the end of DATA: every DKIM signature is verified (keys through Tracewall's
 * DNS), then DMARC is evaluated for the From domain with those results and the SPF result
 * {@code TraceabilityHook} reached at MAIL FROM. The results go to Authentication-Results (the
 * {@code RecordTraceability} mailet writes them) and to the scoring as symbols ({@code DKIM_VALID},
 * {@code DKIM_INVALID}, {@code DMARC_ALIGNED}, {@code DMARC_POLICY_REJECT}, ...). A failing message
 * whose domain asks for rejection is refused with 550 5.7.1 ({@code <reject>}: reject, quarantine or
 * score); one that asks for quarantine is marked for the quarantine processor ({@code <quarantine>}).
 * A DNS failure never refuses: the result is a temperror and only its (weightless) symbol is
 * recorded. Authenticated and relaying sessions (outgoing mail) are not checked. Place it before
 * {@code ScoreHook}, which reads its symbols.
 *
 * <pre>{@code
 * <handler class="org.tracewall.james.smtp.DmarcHook">
 *     <reject>reject</reject>
 *     <quarantine>quarantine</quarantine>
 * </handler>
 * }</pre>
 */
public class DmarcHook implements JamesMessageHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(DmarcHook.class);

    static final Option<DmarcAction> REJECT = Option.choice("reject", DmarcAction.class, DmarcAction.REJECT,
        "what a DMARC failure under p=reject gets: reject (550 5.7.1), quarantine, or score (the symbol only)");
    static final Option<DmarcAction> QUARANTINE = Option.choice("quarantine", DmarcAction.class, DmarcAction.QUARANTINE,
        "what a DMARC failure under p=quarantine gets: quarantine, reject, or score");
    public static final OptionSection PARAMETERS = OptionSection.elements("DmarcHook", REJECT, QUARANTINE);

    private final DkimVerifier dkim;
    private final DmarcEvaluator dmarc;
    private DmarcAction onReject = DmarcAction.REJECT;
    private DmarcAction onQuarantine = DmarcAction.QUARANTINE;

    @Inject
    public DmarcHook(TracewallRuntime runtime) {
        this(runtime.dkim(), runtime.dmarc());
    }

    DmarcHook(DkimVerifier dkim, DmarcEvaluator dmarc) {
        this.dkim = dkim;
        this.dmarc = dmarc;
    }

    @Override
    public void init(Configuration config) throws ConfigurationException {
        OptionValues parameters = HandlerParameters.read(config, PARAMETERS);
        onReject = parameters.get(REJECT);
        onQuarantine = parameters.get(QUARANTINE);
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        if (session.getUsername() != null || session.isRelayingAllowed() || SessionTrust.isAccessOk(session)) {
            return HookResult.DECLINED;
        }
        RawMessage message = TransactionDkim.message(session, mail);
        List<DkimResult> signatures = TransactionDkim.of(session, mail, dkim);
        DmarcResult verdict = dmarc.evaluate(message, spfPassDomain(session), signatures);
        AuthenticationAttributes.store(mail, signatures, verdict);
        ScoreSymbols.add(mail, symbols(signatures, verdict));
        LOGGER.info("dmarc ip={} from-domain={} result={} disposition={} dkim=[{}] ({})",
            IpAddresses.readable(session.getRemoteAddress().getAddress()), verdict.fromDomain(), verdict.status().word(),
            verdict.disposition().word(), signatures.stream().map(DkimResult::toString).collect(Collectors.joining(", ")),
            verdict.reason());
        DmarcAction action = actionFor(verdict.disposition());
        if (action == DmarcAction.QUARANTINE) {
            AuthenticationAttributes.markForQuarantine(mail, verdict);
        }
        if (action != DmarcAction.REJECT) {
            return HookResult.DECLINED;
        }
        return HookResult.builder().hookReturnCode(HookReturnCode.deny()).smtpReturnCode("550")
            .smtpDescription(DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.SECURITY_AUTH) + " Rejected by the DMARC policy of "
                + verdict.fromDomain() + " (p=" + verdict.published().word() + "): neither DKIM nor SPF aligned")
            .build();
    }

    private DmarcAction actionFor(DmarcPolicy disposition) {
        switch (disposition) {
            case REJECT:
                return onReject;
            case QUARANTINE:
                return onQuarantine;
            default:
                return DmarcAction.SCORE;
        }
    }

    /** The domain SPF passed for at MAIL FROM (TraceabilityHook's verdict), for SPF alignment. */
    private static Optional<String> spfPassDomain(SMTPSession session) {
        Optional<TraceVerdict> verdict = session.getAttachment(TraceabilityHook.VERDICT, ProtocolSession.State.Transaction);
        return verdict.filter(v -> v.spf().map(spf -> spf.result() == SpfResult.PASS).orElse(false)).map(TraceVerdict::domain);
    }

    static List<Symbol> symbols(List<DkimResult> signatures, DmarcResult verdict) {
        List<Symbol> symbols = new ArrayList<>();
        String passed = signatures.stream().filter(DkimResult::isPass).map(DkimResult::domain).collect(Collectors.joining(","));
        if (!passed.isEmpty()) {
            symbols.add(KnownSymbol.DKIM_VALID.symbol(1.0, passed));
        }
        signatures.stream().filter(r -> r.status() == DkimResult.Status.FAIL).findFirst()
            .ifPresent(r -> symbols.add(KnownSymbol.DKIM_INVALID.symbol(1.0, r.domain())));
        signatures.stream().filter(r -> r.status() == DkimResult.Status.TEMPERROR).findFirst()
            .ifPresent(r -> symbols.add(KnownSymbol.DKIM_TEMPFAIL.symbol(1.0, r.domain())));
        if (verdict.status() == DmarcResult.Status.PASS) {
            symbols.add(KnownSymbol.DMARC_ALIGNED.symbol(1.0, verdict.fromDomain()));
        } else if (verdict.status() == DmarcResult.Status.FAIL) {
            symbols.add(policySymbol(verdict.disposition()).symbol(1.0, verdict.fromDomain()));
        }
        return symbols;
    }

    private static KnownSymbol policySymbol(DmarcPolicy disposition) {
        switch (disposition) {
            case REJECT:
                return KnownSymbol.DMARC_POLICY_REJECT;
            case QUARANTINE:
                return KnownSymbol.DMARC_POLICY_QUARANTINE;
            default:
                return KnownSymbol.DMARC_POLICY_NONE;
        }
    }
}
