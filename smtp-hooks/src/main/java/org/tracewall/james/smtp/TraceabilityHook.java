package org.tracewall.james.smtp;

import java.net.InetAddress;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.api.ProtocolSession;
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
import org.tracewall.core.config.OptionValues;
import org.tracewall.core.dkim.DkimVerifier;
import org.tracewall.core.dns.PendingLookups;
import org.tracewall.core.net.IpAddresses;
import org.tracewall.core.trace.TraceReason;
import org.tracewall.core.trace.TraceRequest;
import org.tracewall.core.trace.TraceResult;
import org.tracewall.core.trace.TraceVerdict;
import org.tracewall.core.trace.TraceabilityChecker;
import org.tracewall.james.TraceAttributes;
import org.tracewall.james.Tracewall;
import org.tracewall.james.TracewallRuntime;

/**
 * External traceability at MAIL FROM: the sender's domain must be traceable from
 * the client's address (registry, compensation list, SPF, MX/A neighbourhood, FCrDNS).
 * Authenticated sessions and authorized networks are not checked (see
 * {@link SenderBindingHook} for those). The verdict is also copied to the mail attributes
 * of {@link TraceAttributes}, so mailets and matchers downstream see it.
 *
 * <p>Per result, the operator chooses {@code reject} (550 5.7.x with the reason and how to
 * fix it), {@code defer} (451) or {@code accept}; a DNS failure is never a reject.
 *
 * <pre>{@code
 * <handler class="org.tracewall.james.smtp.TraceabilityHook">
 *     <untraceable>reject</untraceable>   <!-- reject | defer | accept -->
 *     <unknown>accept</unknown>           <!-- SPF neutral etc., as mapped in tracewall.properties -->
 *     <temperror>defer</temperror>        <!-- defer | accept -->
 * </handler>
 * }</pre>
 */
public class TraceabilityHook implements MailHook, JamesMessageHook {
    public static final ProtocolSession.AttachmentKey<TraceVerdict> VERDICT =
        ProtocolSession.AttachmentKey.of(Tracewall.NAMESPACE + ".smtp.trace.verdict", TraceVerdict.class);
    private static final Logger LOGGER = LoggerFactory.getLogger(TraceabilityHook.class);

    private final TraceabilityChecker checker;
    private final PendingLookups pending;
    private final DkimVerifier dkim;
    private boolean signatureTraces;
    private HookAction onUntraceable = HookAction.REJECT;
    private HookAction onUnknown = HookAction.ACCEPT;
    private HookAction onTemperror = HookAction.DEFER;

    @Inject
    public TraceabilityHook(TracewallRuntime runtime) {
        this(runtime.traceability(), runtime.pendingLookups(), runtime.dkim());
    }

    TraceabilityHook(TraceabilityChecker checker) {
        this(checker, PendingLookups.unbounded(), null);
    }

    TraceabilityHook(TraceabilityChecker checker, PendingLookups pending, DkimVerifier dkim) {
        this.checker = checker;
        this.pending = pending;
        this.dkim = dkim;
    }

    static final Option<HookAction> UNTRACEABLE = Option.choice("untraceable", HookAction.class, HookAction.REJECT,
        "what an untraceable sender gets: reject (550), defer (450) or accept (marked)");
    static final Option<HookAction> UNKNOWN = Option.choice("unknown", HookAction.class, HookAction.ACCEPT,
        "what a sender that is neither traced nor refuted gets");
    static final Option<HookAction> TEMPERROR = Option.choice("temperror", HookAction.class, HookAction.DEFER,
        "what a DNS failure gets: defer or accept, never reject (a DNS failure is temporary)")
        .requiring(action -> action != HookAction.REJECT, "defer or accept: a DNS failure is temporary");
    static final Option<Boolean> DKIM = Option.bool("dkim", false,
        "true: a sender untraceable by SPF or neighbourhood is judged at the end of DATA, where a verified DKIM signature of its"
            + " domain traces it (the body is received first)");
    public static final OptionSection PARAMETERS = OptionSection.elements("TraceabilityHook", UNTRACEABLE, UNKNOWN, TEMPERROR, DKIM);

    @Override
    public void init(Configuration config) throws ConfigurationException {
        OptionValues parameters = HandlerParameters.read(config, PARAMETERS);
        onUntraceable = parameters.get(UNTRACEABLE);
        onUnknown = parameters.get(UNKNOWN);
        onTemperror = parameters.get(TEMPERROR);
        signatureTraces = parameters.get(DKIM);
        if (signatureTraces && dkim == null) {
            throw new ConfigurationException("TraceabilityHook: <dkim>true</dkim> needs the DKIM verifier of the Tracewall runtime");
        }
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        if (SessionTrust.isTrusted(session)) {
            return HookResult.DECLINED;
        }
        return PendingDns.guarded(pending, session, senderDomain(sender), () -> judge(session, sender));
    }

    private static String senderDomain(MaybeSender sender) {
        return sender.asOptional().map(address -> address.getDomain().asString()).orElse(null);
    }

    private HookResult judge(SMTPSession session, MaybeSender sender) {
        InetAddress client = session.getRemoteAddress().getAddress();
        String helo = session.getAttachment(SMTPSession.CURRENT_HELO_NAME, ProtocolSession.State.Connection).orElse("");
        String mailFrom = sender.asOptional().map(Object::toString).orElse("");
        TraceVerdict verdict = checker.check(new TraceRequest(client, helo, mailFrom, null));
        session.setAttachment(VERDICT, verdict, ProtocolSession.State.Transaction);
        LOGGER.info("traceability ip={} helo={} from=<{}> result={} reason={} detail=\"{}\"", IpAddresses.readable(client),
            SmtpText.safe(helo), SmtpText.safe(mailFrom), verdict.result().code(), verdict.reason().code(), verdict.detail());
        if (signatureTraces && checker.signatureCanTrace(verdict)) {
            return HookResult.DECLINED; // judged at the end of DATA, with the message's DKIM signatures
        }
        return reply(verdict, mailFrom, client);
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        Optional<TraceVerdict> stored = session.getAttachment(VERDICT, ProtocolSession.State.Transaction);
        if (stored.isEmpty()) {
            return HookResult.DECLINED;
        }
        TraceVerdict verdict = stored.get();
        boolean judgedNow = signatureTraces && checker.signatureCanTrace(verdict);
        if (judgedNow) {
            verdict = checker.tracedBySignature(verdict, TransactionDkim.of(session, mail, dkim)).orElse(verdict);
            session.setAttachment(VERDICT, verdict, ProtocolSession.State.Transaction);
            LOGGER.info("traceability at DATA ip={} from=<{}> result={} reason={} detail=\"{}\"",
                IpAddresses.readable(session.getRemoteAddress().getAddress()), SmtpText.safe(mail.getMaybeSender().asString()),
                verdict.result().code(), verdict.reason().code(), verdict.detail());
        }
        TraceAttributes.store(mail, verdict);
        if (!judgedNow || verdict.result() == TraceResult.TRACEABLE) {
            return HookResult.DECLINED;
        }
        return act(onUntraceable, verdict, mail.getMaybeSender().asString(), session.getRemoteAddress().getAddress());
    }

    private HookResult reply(TraceVerdict verdict, String mailFrom, InetAddress client) {
        switch (verdict.result()) {
            case TRACEABLE:
                return HookResult.DECLINED;
            case TEMPERROR:
                return onTemperror == HookAction.ACCEPT ? HookResult.DECLINED : tempfailDns(verdict);
            case UNKNOWN:
                return act(onUnknown, verdict, mailFrom, client);
            default:
                return act(onUntraceable, verdict, mailFrom, client);
        }
    }

    private static HookResult act(HookAction action, TraceVerdict verdict, String mailFrom, InetAddress client) {
        switch (action) {
            case REJECT:
                return reject(verdict, mailFrom, client);
            case DEFER:
                return HookResult.builder().hookReturnCode(HookReturnCode.denySoft())
                    .smtpReturnCode(SMTPRetCode.LOCAL_ERROR)
                    .smtpDescription(DSNStatus.getStatus(DSNStatus.TRANSIENT, DSNStatus.SECURITY_OTHER)
                        + " Sender " + verdict.domain() + " not yet traceable (" + SmtpText.safe(verdict.detail()) + "); try again later")
                    .build();
            default:
                return HookResult.DECLINED;
        }
    }

    private static HookResult reject(TraceVerdict verdict, String mailFrom, InetAddress client) {
        String ip = IpAddresses.readable(client);
        String status;
        String text;
        if (verdict.reason() == TraceReason.NULL_MX) {
            // RFC 7505 section 4.2: 550 5.7.27 "Sender address has null MX".
            status = "5.7.27";
            text = "Sender address <" + SmtpText.safe(mailFrom) + "> has null MX: " + SmtpText.safe(verdict.detail()) + ".";
        } else if (verdict.reason() == TraceReason.SPF_FAIL) {
            // RFC 7372: 5.7.23 "SPF validation failed".
            status = "5.7.23";
            text = SmtpText.safe(verdict.detail()) + ". The SPF record of " + verdict.domain() + " does not allow " + ip
                + "; if this mail is legitimate, the domain's administrator must add this server to it (RFC 7208).";
        } else {
            status = DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.SECURITY_AUTH);
            text = "Sender <" + SmtpText.safe(mailFrom) + "> is not traceable to " + verdict.domain() + ": "
                + SmtpText.safe(verdict.detail()) + ". To fix: publish an SPF record for " + verdict.domain()
                + " that lists " + ip + ", or send through a server of " + verdict.domain()
                + " (one of its MX hosts, or a host whose PTR and A records match), or sign the mail with DKIM for "
                + verdict.domain() + ".";
        }
        return HookResult.builder().hookReturnCode(HookReturnCode.deny())
            .smtpReturnCode(SMTPRetCode.MAILBOX_PERM_UNAVAILABLE)
            .smtpDescription(status + " " + text)
            .build();
    }

    private static HookResult tempfailDns(TraceVerdict verdict) {
        return HookResult.builder().hookReturnCode(HookReturnCode.denySoft())
            .smtpReturnCode(SMTPRetCode.LOCAL_ERROR)
            .smtpDescription(DSNStatus.getStatus(DSNStatus.TRANSIENT, DSNStatus.NETWORK_DIR_SERVER)
                + " Temporary DNS failure while checking " + verdict.domain() + "; please try again later")
            .build();
    }

    /** Visible for tests: the configured action for a result. */
    Optional<HookAction> actionFor(TraceResult result) {
        switch (result) {
            case UNTRACEABLE:
                return Optional.of(onUntraceable);
            case UNKNOWN:
                return Optional.of(onUnknown);
            case TEMPERROR:
                return Optional.of(onTemperror);
            default:
                return Optional.empty();
        }
    }
}
