package org.tracewall.james.smtp;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.tracewall.core.config.ConfigValues;
import org.tracewall.core.config.Option;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.dns.PendingLookups;
import org.tracewall.core.helo.HeloPtrChecker;
import org.tracewall.core.helo.HeloPtrResult;
import org.tracewall.core.helo.HeloPtrVerdict;
import org.tracewall.core.score.KnownSymbol;
import org.tracewall.james.ScoreSymbols;
import org.tracewall.james.Tracewall;
import org.tracewall.james.TracewallRuntime;

/**
 * The sending-host checks at MAIL FROM, once per connection: HELO is a resolvable FQDN
 * (or the client's own address literal), the client has a PTR, the PTR is forward-confirmed,
 * HELO matches it. Findings are recorded in the mail attribute {@link #FINDINGS} for scoring;
 * those listed in {@code <reject>} refuse the mail with {@code 550 5.7.1} and what to fix. DNS
 * trouble finds nothing. Authenticated and relay-allowed clients are not checked.
 *
 * <pre>{@code
 * <handler class="org.tracewall.james.smtp.HeloPtrHook">
 *     <reject>HELO_NOT_FQDN, HELO_LITERAL_MISMATCH</reject>   <!-- default: none, record only -->
 * </handler>
 * }</pre>
 */
public class HeloPtrHook implements MailHook, JamesMessageHook {
    public static final AttributeName FINDINGS = AttributeName.of(Tracewall.NAMESPACE + ".helo.findings");
    static final ProtocolSession.AttachmentKey<HeloPtrVerdict> VERDICT =
        ProtocolSession.AttachmentKey.of(Tracewall.NAMESPACE + ".smtp.helo.verdict", HeloPtrVerdict.class);
    private static final Map<HeloPtrResult, String> ADVICE = Map.of(
        HeloPtrResult.HELO_NOT_FQDN, "HELO/EHLO must announce the server's fully qualified DNS name",
        HeloPtrResult.HELO_UNRESOLVABLE, "HELO/EHLO names a host that does not exist in the DNS",
        HeloPtrResult.HELO_LITERAL_MISMATCH, "HELO/EHLO address literal is not the connecting address",
        HeloPtrResult.NO_PTR, "the connecting address has no reverse DNS (PTR) record",
        HeloPtrResult.PTR_NOT_CONFIRMED, "the reverse DNS name of the connecting address does not resolve back to it",
        HeloPtrResult.HELO_PTR_MISMATCH, "HELO/EHLO does not match the reverse DNS name of the connecting address");

    private final HeloPtrChecker checker;
    private final PendingLookups pending;
    private Set<HeloPtrResult> reject = EnumSet.noneOf(HeloPtrResult.class);

    @Inject
    public HeloPtrHook(TracewallRuntime runtime) {
        this(new HeloPtrChecker(runtime.dns()), runtime.pendingLookups());
    }

    HeloPtrHook(HeloPtrChecker checker) {
        this(checker, PendingLookups.unbounded());
    }

    HeloPtrHook(HeloPtrChecker checker, PendingLookups pending) {
        this.checker = checker;
        this.pending = pending;
    }

    static final Option<Set<HeloPtrResult>> REJECT = Option.<Set<HeloPtrResult>>of("reject",
        EnumSet.allOf(HeloPtrResult.class).stream().map(r -> r.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + " (a list)",
        HeloPtrHook::findings, Set.of(), "the HELO/PTR findings refused with 550 at MAIL; the others only add score");
    public static final OptionSection PARAMETERS = OptionSection.elements("HeloPtrHook", REJECT);

    @Override
    public void init(Configuration config) throws ConfigurationException {
        reject = HandlerParameters.read(config, PARAMETERS).get(REJECT);
    }

    private static Set<HeloPtrResult> findings(String key, String value) {
        Set<HeloPtrResult> findings = EnumSet.noneOf(HeloPtrResult.class);
        for (String name : value.split("[,\\s]+")) {
            if (!name.isBlank()) {
                findings.add(ConfigValues.choice(key, name, HeloPtrResult.class));
            }
        }
        return Set.copyOf(findings);
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        if (SessionTrust.isTrusted(session)) {
            return HookResult.DECLINED;
        }
        Optional<HeloPtrVerdict> known = session.getAttachment(VERDICT, ProtocolSession.State.Connection);
        if (known.isPresent()) {
            return judge(known.get());
        }
        return PendingDns.guarded(pending, session, null, () -> {
            String helo = session.getAttachment(SMTPSession.CURRENT_HELO_NAME, ProtocolSession.State.Connection).orElse("");
            HeloPtrVerdict computed = checker.check(session.getRemoteAddress().getAddress(), helo);
            session.setAttachment(VERDICT, computed, ProtocolSession.State.Connection);
            return judge(computed);
        });
    }

    private HookResult judge(HeloPtrVerdict verdict) {
        for (HeloPtrResult finding : verdict.findings()) {
            if (reject.contains(finding)) {
                return HookResult.builder().hookReturnCode(HookReturnCode.deny())
                    .smtpReturnCode(SMTPRetCode.MAILBOX_PERM_UNAVAILABLE)
                    .smtpDescription(DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.SECURITY_AUTH) + " Rejected: "
                        + ADVICE.get(finding) + " (" + finding + ")")
                    .build();
            }
        }
        return HookResult.DECLINED;
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        session.getAttachment(VERDICT, ProtocolSession.State.Connection).ifPresent(verdict -> {
            mail.setAttribute(new Attribute(FINDINGS,
                AttributeValue.of(verdict.findings().stream().map(Enum::name).collect(Collectors.joining(",")))));
            ScoreSymbols.add(mail, verdict.findings().stream().map(f -> KnownSymbol.of(f).symbol()).collect(Collectors.toList()));
        });
        return HookResult.DECLINED;
    }
}
