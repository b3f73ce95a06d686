package org.tracewall.james.smtp;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.Domain;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.handler.ExtensibleHandler;
import org.apache.james.protocols.api.handler.WiringException;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.net.IpAddresses;
import org.tracewall.core.score.ScoreAction;
import org.tracewall.core.score.ScoreConfig;
import org.tracewall.core.score.ScoreDecision;
import org.tracewall.core.stats.DecisionStats;
import org.tracewall.james.DecisionMetrics;
import org.tracewall.james.MessageScoring;
import org.tracewall.james.ReputationAttributes;
import org.tracewall.james.TracewallRuntime;
import org.tracewall.james.VirusAttributes;
import org.tracewall.reputation.sender.ReputationStore;
import org.tracewall.reputation.text.AttachmentReader;

/**
 * Rejects at the end of DATA a message whose score already reaches the reject threshold
 * ({@code score.*} in tracewall.properties): the symbols the session's checks recorded (DNS
 * lists, HELO/PTR, traceability, access db, ClamAV) plus the content rules over the message.
 * A refusal in the session ({@code 554 5.7.1}, naming the total and the rules) is the only
 * answer that never causes backscatter. Below the threshold the message is accepted; the
 * {@code ScoreMessage} mailet then scores it again with what the mailet container adds and
 * applies tag or quarantine. Place it after the other Tracewall message hooks, whose symbols it reads.
 * Mail an access-db entry marks OK is never refused.
 *
 * <pre>{@code
 * <handler class="org.tracewall.james.smtp.ScoreHook"/>
 * }</pre>
 */
public class ScoreHook implements JamesMessageHook, ExtensibleHandler {
    private static final Logger LOGGER = LoggerFactory.getLogger(ScoreHook.class);

    /** Asked for each message: a run-time change of weights or rules applies to the next one. */
    private final Supplier<ScoreConfig> score;
    private final AttachmentReader attachments;
    private final DomainList domains;
    private final Supplier<ReputationStore> reputation;
    private final MetricFactory metrics;
    private final DecisionStats stats;

    @Inject
    public ScoreHook(TracewallRuntime runtime, DomainList domains, MetricFactory metrics) {
        this(runtime::scoreConfig, runtime.attachments(), domains, runtime::reputation, metrics, runtime.stats());
    }

    ScoreHook(Supplier<ScoreConfig> score, AttachmentReader attachments, DomainList domains, MetricFactory metrics) {
        this(score, attachments, domains, null, metrics, null);
    }

    /**
     * @param reputation taught by the refusals (a supplier: the store opens on first use)
     * @param metrics    counts each refusal, and its symbols ({@link DecisionMetrics})
     * @param stats      the hourly counts of decisions; null: none kept
     */
    ScoreHook(Supplier<ScoreConfig> score, AttachmentReader attachments, DomainList domains,
              Supplier<ReputationStore> reputation, MetricFactory metrics, DecisionStats stats) {
        this.score = score;
        this.attachments = attachments;
        this.domains = domains;
        this.reputation = reputation;
        this.metrics = metrics;
        this.stats = stats;
    }

    /** It takes no parameters: a child element in its {@code <handler>} is a mistake, named at start. */
    public static final OptionSection PARAMETERS = OptionSection.elements("ScoreHook");

    @Override
    public void init(Configuration config) throws ConfigurationException {
        HandlerParameters.read(config, PARAMETERS);
    }

    @Override
    public List<Class<?>> getMarkerInterfaces() {
        return List.of(JamesMessageHook.class);
    }

    /**
     * James hands the message hooks of the chain in order: a Tracewall hook after this one would
     * record its symbols (DMARC, virus, DNS lists...) too late to count, in silence. Stop the start.
     */
    @Override
    public void wireExtensions(Class<?> marker, List<?> messageHooks) throws WiringException {
        Optional<String> late = hooksAfterThis(messageHooks);
        if (late.isPresent()) {
            throw new WiringException("ScoreHook must come after every other Tracewall message hook, whose symbols it reads: move it"
                + " after " + late.get() + " in the handler chain");
        }
    }

    static Optional<String> hooksAfterThis(List<?> messageHooks) {
        int self = -1;
        for (int i = 0; i < messageHooks.size(); i++) {
            if (messageHooks.get(i) instanceof ScoreHook) {
                self = i;
            }
        }
        String late = self < 0 ? "" : messageHooks.subList(self + 1, messageHooks.size()).stream()
            .map(Object::getClass).filter(type -> type.getName().startsWith("org.tracewall."))
            .map(Class::getSimpleName).collect(Collectors.joining(", "));
        return late.isEmpty() ? Optional.empty() : Optional.of(late);
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        // Discarded, trusted by the access db, or kept for the quarantine by ClamAvHook
        // (<infected>quarantine</infected>): the operator decided already; VIRUS's weight must not
        // turn that into a 554 here.
        if (mail.getAttribute(AccessDbHook.DISCARDED).isPresent() || SessionTrust.isAccessOk(session)
            || mail.getAttribute(VirusAttributes.VIRUS).isPresent()) {
            return HookResult.DECLINED;
        }
        boolean localSender = session.getUsername() != null || session.isRelayingAllowed();
        ScoreDecision decision = MessageScoring.evaluate(score.get(),
            () -> TransactionText.of(session, mail, attachments), mail,
            session.getRemoteAddress().getAddress(), localSender,
            this::isLocal);
        if (decision.action() != ScoreAction.REJECT) {
            return HookResult.DECLINED;
        }
        if (reputation != null) {
            ReputationAttributes.learn(mail, decision.action(), reputation.get());
        }
        DecisionMetrics.count(metrics, stats, decision, mail);
        LOGGER.info("tracewall-decision phase=data session={} ip={} from=<{}> rcpts={} {}", session.getSessionID(),
            IpAddresses.readable(session.getRemoteAddress().getAddress()), SmtpText.safe(mail.getMaybeSender().asString()),
            mail.getRecipients().size(), decision.logFields());
        return HookResult.builder().hookReturnCode(HookReturnCode.deny()).smtpReturnCode("554")
            .smtpDescription(DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.SECURITY_OTHER) + " " + decision.rejectText())
            .build();
    }

    private boolean isLocal(Domain domain) {
        try {
            return domains.containsDomain(domain);
        } catch (DomainListException e) {
            return false;
        }
    }
}
