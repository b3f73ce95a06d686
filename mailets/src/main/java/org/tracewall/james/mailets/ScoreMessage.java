package org.tracewall.james.mailets;

import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.score.ScoreConfig;
import org.tracewall.core.score.ScoreDecision;
import org.tracewall.core.stats.DecisionStats;
import org.tracewall.core.store.StoreUnavailableException;
import org.tracewall.james.DecisionMetrics;
import org.tracewall.james.MailText;
import org.tracewall.james.MessageScoring;
import org.tracewall.james.OriginHeader;
import org.tracewall.james.ReputationAttributes;
import org.tracewall.james.ScoreAttributes;
import org.tracewall.james.SmtpSessionId;
import org.tracewall.james.TraceAttributes;
import org.tracewall.james.TracewallRuntime;
import org.tracewall.reputation.sender.OriginStamp;
import org.tracewall.reputation.sender.ReputationFeatures;
import org.tracewall.reputation.sender.ReputationStore;
import org.tracewall.reputation.text.AttachmentReader;

import com.google.common.net.InetAddresses;

/**
 * Scores the message with the {@code score.*} policy of tracewall.properties: every symbol the
 * checks recorded ({@code org.tracewall.score.symbols}: DNS lists, HELO/PTR, traceability, access
 * db, ClamAV, Bayes ...), the m-of-n combinations and the content rules, under the thresholds of
 * the first policy group that applies to the client, sender and recipient domains and direction.
 * The decision goes into the {@code X-Tracewall-Score} and {@code X-Tracewall-Rules} headers and
 * the conventional ones mail clients filter on, {@code X-Spam-Flag} (YES for any action but accept),
 * {@code X-Spam-Score} and {@code X-Spam-Status} (SpamAssassin's form), each replacing any copy, the signed
 * {@code X-Tracewall-Origin} (the reputation features, for users' reports to teach: {@code BayesLearn},
 * {@code ReleaseFromQuarantine}), the {@code org.tracewall.score.*} attributes that
 * {@code HasScoreAction} matches, one {@code tracewall-decision} log line, and the James metrics
 * {@code tracewall.score.<action>} and {@code tracewall.symbol.<NAME>} per symbol that counted. It does not act: compose the actions with matchers.
 *
 * <pre>{@code
 * <mailet match="All" class="org.tracewall.james.mailets.ScoreMessage"/>
 * <mailet match="org.tracewall.james.matchers.HasScoreAction=tag" class="AddSubjectPrefix">
 *     <subjectPrefix>[SPAM]</subjectPrefix>
 * </mailet>
 * <mailet match="org.tracewall.james.matchers.HasScoreAction=quarantine" class="ToRepository">
 *     <repositoryPath>file://var/mail/quarantine/</repositoryPath>
 * </mailet>
 * <mailet match="org.tracewall.james.matchers.HasScoreAction=reject" class="ToProcessor">
 *     <processor>spam-reject</processor>
 * </mailet>
 * }</pre>
 */
public class ScoreMessage extends GenericMailet {
    public static final String SCORE_HEADER = "X-Tracewall-Score";
    public static final String RULES_HEADER = "X-Tracewall-Rules";
    /** The conventional headers, agreeing with the action: YES for tag, quarantine and reject. */
    public static final String SPAM_FLAG_HEADER = "X-Spam-Flag";
    public static final String SPAM_SCORE_HEADER = "X-Spam-Score";
    public static final String SPAM_STATUS_HEADER = "X-Spam-Status";
    private static final Logger LOGGER = LoggerFactory.getLogger(ScoreMessage.class);

    /** Asked for each message: a run-time change of weights or rules applies to the next one. */
    private final Supplier<ScoreConfig> score;
    private final AttachmentReader attachments;
    private final MetricFactory metrics;
    private final Supplier<ReputationStore> reputation;
    private final Supplier<OriginStamp> stamps;
    private final DecisionStats stats;

    @Inject
    public ScoreMessage(TracewallRuntime runtime, MetricFactory metrics) {
        this(runtime::scoreConfig, runtime.attachments(), metrics, runtime::reputation, runtime::originStamp, runtime.stats());
    }

    ScoreMessage(Supplier<ScoreConfig> score, AttachmentReader attachments, MetricFactory metrics) {
        this(score, attachments, metrics, null, null, null);
    }

    /**
     * @param reputation taught by each decision (a supplier: the store opens on first use); null: nothing learned
     * @param stamps signs the features into {@link OriginHeader}, for users' reports to teach; null: no header
     * @param stats the hourly counts of decisions; null: none kept
     */
    ScoreMessage(Supplier<ScoreConfig> score, AttachmentReader attachments, MetricFactory metrics,
                 Supplier<ReputationStore> reputation, Supplier<OriginStamp> stamps, DecisionStats stats) {
        this.score = score;
        this.attachments = attachments;
        this.metrics = metrics;
        this.reputation = reputation;
        this.stamps = stamps;
        this.stats = stats;
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of());
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        ScoreDecision decision = MessageScoring.evaluate(score.get(), () -> MailText.of(mail, attachments), mail, client(mail),
            isLocalSender(mail), domain -> getMailetContext().isLocalServer(domain));
        ScoreAttributes.store(mail, decision);
        MimeMessage message = mail.getMessage();
        stampOrigin(mail, message);
        if (reputation != null) {
            ReputationAttributes.learn(mail, decision.action(), reputation.get());
        }
        message.setHeader(SCORE_HEADER, decision.scoreHeader());
        message.setHeader(RULES_HEADER, MimeUtility.fold(RULES_HEADER.length() + 2, decision.rulesHeader()));
        message.setHeader(SPAM_FLAG_HEADER, decision.isSpam() ? "YES" : "NO");
        message.setHeader(SPAM_SCORE_HEADER, decision.scoreText());
        message.setHeader(SPAM_STATUS_HEADER, MimeUtility.fold(SPAM_STATUS_HEADER.length() + 2, decision.spamStatusHeader()));
        // Headers only: no saveChanges(), which would re-read a multipart body for nothing.
        DecisionMetrics.count(metrics, stats, decision, mail);
        LOGGER.info("tracewall-decision phase=container session={} mail={} ip={} from=<{}> rcpts={} {}", SmtpSessionId.of(mail),
            mail.getName(), mail.getRemoteAddr(), mail.getMaybeSender().asString(), mail.getRecipients().size(), decision.logFields());
    }

    private void stampOrigin(Mail mail, MimeMessage message) throws MessagingException {
        Optional<ReputationFeatures> features = ReputationAttributes.features(mail);
        if (stamps == null || features.isEmpty()) {
            return;
        }
        try {
            OriginHeader.write(message, features.get(), stamps.get());
        } catch (StoreUnavailableException e) {
            LOGGER.warn("reputation: state store unavailable, {} delivered without its {} header: {}", mail.getName(), OriginHeader.NAME,
                e.getMessage());
        }
    }

    private static boolean isLocalSender(Mail mail) {
        return mail.getAttribute(Mail.SMTP_AUTH_USER).isPresent() || TraceAttributes.isFromAuthorizedNetwork(mail);
    }

    /** The SMTP client, when the mail has a literal address (never a DNS lookup). */
    private static InetAddress client(Mail mail) {
        String remote = mail.getRemoteAddr();
        return remote != null && InetAddresses.isInetAddress(remote) ? InetAddresses.forString(remote) : null;
    }

    @Override
    public String getMailetInfo() {
        return "Score Message";
    }
}
