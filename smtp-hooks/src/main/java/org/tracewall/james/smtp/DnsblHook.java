package org.tracewall.james.smtp;

import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

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
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.dns.PendingLookups;
import org.tracewall.core.dnsbl.DnsListChecker;
import org.tracewall.core.dnsbl.DnsListHit;
import org.tracewall.core.dnsbl.DnsListSymbols;
import org.tracewall.core.dnsbl.DnsListVerdict;
import org.tracewall.core.dnsbl.UrlListCheck;
import org.tracewall.core.net.IpAddresses;
import org.tracewall.james.ScoreSymbols;
import org.tracewall.james.Tracewall;
import org.tracewall.james.TracewallRuntime;
import org.tracewall.reputation.text.AttachmentReader;

/**
 * DNS lists at RCPT TO: the client address against DNSBLs and DNSWLs, the
 * HELO and MAIL FROM domains against domain lists (DBL), all lists in parallel, once per
 * transaction. When the summed weights reach {@code dnsbl.threshold}, every recipient gets
 * {@code 554 5.7.1} with the strongest list's message ({@code $ip}, {@code $list}). A list that
 * does not answer counts for nothing, and when an allow list (negative weight) does not answer,
 * a block becomes {@code 451 4.4.3}: DNS trouble never rejects. The score and the hits are
 * also recorded as mail attributes ({@link #SCORE}, {@link #HITS}) for scoring mailets. Lists
 * and weights are the {@code dnsbl.*} keys of tracewall.properties.
 *
 * <p>At the end of DATA, URL lists ({@code type=url}: URIBL, SURBL) are asked about the links of
 * the message (its text read once for the phase, {@link TransactionText}): the symbol {@code URIBL}
 * weighed by the summed weights of the lists that answered, and one {@code URIBL_<LIST>} per
 * list, for the scoring only (never a reject here); a list that does not answer counts for nothing.
 *
 * <pre>{@code
 * <handler class="org.tracewall.james.smtp.DnsblHook"/>
 * }</pre>
 */
public class DnsblHook implements RcptHook, JamesMessageHook {
    public static final AttributeName SCORE = AttributeName.of(Tracewall.NAMESPACE + ".dnsbl.score");
    public static final AttributeName HITS = AttributeName.of(Tracewall.NAMESPACE + ".dnsbl.hits");
    static final ProtocolSession.AttachmentKey<DnsListVerdict> VERDICT =
        ProtocolSession.AttachmentKey.of(Tracewall.NAMESPACE + ".smtp.dnsbl.verdict", DnsListVerdict.class);
    private static final Logger LOGGER = LoggerFactory.getLogger(DnsblHook.class);

    /** Suppliers: the lists change at run time (WebAdmin's DNS list routes), and each transaction asks the ones in effect. */
    private final Supplier<DnsListChecker> checker;
    private final PendingLookups pending;
    private final DoubleSupplier threshold;
    private final Supplier<UrlListCheck> urlLists;
    private final AttachmentReader attachments;

    @Inject
    public DnsblHook(TracewallRuntime runtime) {
        this(runtime::dnsLists, runtime::dnsListThreshold, runtime.pendingLookups(), runtime::urlLists, runtime.attachments());
    }

    DnsblHook(DnsListChecker checker, double threshold) {
        this(checker, threshold, PendingLookups.unbounded(), null, AttachmentReader.NONE);
    }

    DnsblHook(DnsListChecker checker, double threshold, PendingLookups pending, UrlListCheck urlLists, AttachmentReader attachments) {
        this(() -> checker, () -> threshold, pending, () -> urlLists, attachments);
    }

    private DnsblHook(Supplier<DnsListChecker> checker, DoubleSupplier threshold, PendingLookups pending, Supplier<UrlListCheck> urlLists,
                      AttachmentReader attachments) {
        this.checker = checker;
        this.threshold = threshold;
        this.pending = pending;
        this.urlLists = urlLists;
        this.attachments = attachments;
    }

    /** It takes no parameters: a child element in its {@code <handler>} is a mistake, named at start. */
    public static final OptionSection PARAMETERS = OptionSection.elements("DnsblHook");

    @Override
    public void init(Configuration config) throws ConfigurationException {
        HandlerParameters.read(config, PARAMETERS);
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        if (checker.get().lists().isEmpty() || SessionTrust.skipsSpamChecks(session, rcpt)) {
            return HookResult.DECLINED;
        }
        Optional<DnsListVerdict> known = session.getAttachment(VERDICT, ProtocolSession.State.Transaction);
        if (known.isPresent()) {
            return judge(session, known.get());
        }
        return PendingDns.guarded(pending, session, null, () -> judge(session, check(session, sender)));
    }

    private HookResult judge(SMTPSession session, DnsListVerdict verdict) {
        Optional<DnsListHit> strongest = verdict.strongest();
        if (verdict.score() < threshold.getAsDouble() || strongest.isEmpty()) {
            return HookResult.DECLINED;
        }
        if (verdict.missingVouch()) {
            return HookResult.builder().hookReturnCode(HookReturnCode.denySoft())
                .smtpReturnCode(SMTPRetCode.LOCAL_ERROR)
                .smtpDescription(DSNStatus.getStatus(DSNStatus.TRANSIENT, DSNStatus.NETWORK_DIR_SERVER)
                    + " A DNS allow list could not be asked; please try again later")
                .build();
        }
        DnsListHit hit = strongest.get();
        String ip = IpAddresses.readable(session.getRemoteAddress().getAddress());
        return HookResult.builder().hookReturnCode(HookReturnCode.deny())
            .smtpReturnCode("554")
            .smtpDescription(DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.SECURITY_AUTH) + " "
                + SmtpText.safe(hit.list().message(ip, hit.queried())))
            .build();
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        session.getAttachment(VERDICT, ProtocolSession.State.Transaction).ifPresent(verdict -> {
            mail.setAttribute(new Attribute(SCORE, AttributeValue.of(verdict.score())));
            mail.setAttribute(new Attribute(HITS, AttributeValue.of(verdict.hits().stream()
                .map(h -> h.list().name() + ":" + h.queried()).collect(Collectors.joining(",")))));
            ScoreSymbols.add(mail, DnsListSymbols.ofClient(verdict));
        });
        UrlListCheck links = urlLists.get();
        if (links != null && links.isConfigured() && !SessionTrust.isTrusted(session)) {
            checkLinks(session, mail, links);
        }
        return HookResult.DECLINED;
    }

    private void checkLinks(SMTPSession session, Mail mail, UrlListCheck urlLists) {
        List<String> hosts = TransactionText.of(session, mail, attachments).urlDomains();
        if (hosts.isEmpty()) {
            return;
        }
        DnsListVerdict links = urlLists.check(hosts);
        ScoreSymbols.add(mail, DnsListSymbols.ofLinks(links));
        if (!links.hits().isEmpty() || !links.unavailable().isEmpty()) {
            LOGGER.info("uribl ip={} hits={} unavailable={}", session.getRemoteAddress().getAddress().getHostAddress(), links.hits(),
                links.unavailable());
        }
    }

    private DnsListVerdict check(SMTPSession session, MaybeSender sender) {
        String helo = session.getAttachment(SMTPSession.CURRENT_HELO_NAME, ProtocolSession.State.Connection).orElse("");
        String senderDomain = sender.asOptional().map(a -> a.getDomain().asString()).orElse("");
        DnsListVerdict verdict = checker.get().check(session.getRemoteAddress().getAddress(), List.of(helo, senderDomain));
        session.setAttachment(VERDICT, verdict, ProtocolSession.State.Transaction);
        if (!verdict.hits().isEmpty() || !verdict.unavailable().isEmpty()) {
            LOGGER.info("dnsbl ip={} score={} hits={} unavailable={}", session.getRemoteAddress().getAddress().getHostAddress(),
                verdict.score(), verdict.hits(), verdict.unavailable());
        }
        return verdict;
    }
}
