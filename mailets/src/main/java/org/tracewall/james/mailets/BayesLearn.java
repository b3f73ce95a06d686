package org.tracewall.james.mailets;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.BodyPart;
import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.store.StoreUnavailableException;
import org.tracewall.james.MessageBytes;
import org.tracewall.james.OriginHeader;
import org.tracewall.james.Tracewall;
import org.tracewall.james.TracewallRuntime;
import org.tracewall.reputation.bayes.BayesFilter;
import org.tracewall.reputation.fingerprint.Fingerprint;
import org.tracewall.reputation.sender.OriginStamp;
import org.tracewall.reputation.sender.ReputationStore;
import org.tracewall.reputation.text.MessageTextExtractor;

/**
 * Operator feedback (users report spam): learns the mail as spam or ham and saves the
 * model. A message forwarded as attachments (message/rfc822 parts) teaches each attached
 * message; otherwise the mail itself is learned. Only mail from authenticated users teaches
 * (anyone else could poison the model); the same message is never counted twice. The mail goes
 * on (keep it with {@code ToRepository}); the attribute {@link #LEARNED} says how many were learned.
 * Each reported text's bulk print is reported too: as spam, its copies then score FUZZY_SPAM
 * ({@code FingerprintHook}); as ham, one spam report of it is taken back. A reported message that
 * this gateway delivered carries its signed origin ({@code X-Tracewall-Origin}: client, network,
 * sender domain, HELO, links, cluster): the first report of that mail (any copy of it, by any
 * recipient) teaches their reputation, bad as spam, good as ham.
 *
 * <pre>{@code
 * <mailet match="RecipientIs=spam@tracewall.local" class="org.tracewall.james.mailets.BayesLearn">
 *     <as>spam</as>
 * </mailet>
 * }</pre>
 */
public class BayesLearn extends GenericMailet {
    public static final AttributeName LEARNED = AttributeName.of(Tracewall.NAMESPACE + ".bayes.learned");
    private static final Logger LOGGER = LoggerFactory.getLogger(BayesLearn.class);

    private final TracewallRuntime runtime;
    private final BayesFilter filter;
    private boolean spam;

    @Inject
    public BayesLearn(TracewallRuntime runtime) {
        this.runtime = runtime;
        this.filter = runtime.bayes();
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of("as"));
        String as = getInitParameter("as", "").trim().toLowerCase(Locale.ROOT);
        if (!as.equals("spam") && !as.equals("ham")) {
            throw new MessagingException("BayesLearn needs <as>spam</as> or <as>ham</as>, not '" + as + "'");
        }
        spam = as.equals("spam");
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (mail.getAttribute(Mail.SMTP_AUTH_USER).isEmpty()) {
            LOGGER.info("bayes-learn: ignoring {} from <{}>: not authenticated", mail.getName(), mail.getMaybeSender().asString());
            return;
        }
        int learned = 0;
        try {
            // Before anything is learned: a store that cannot give the secret stops here, and the kept mail can be taught again.
            OriginStamp stamps = runtime.originStamp();
            for (byte[] message : messages(mail)) {
                if (filter.learn(message, spam) != BayesFilter.Learned.ALREADY_KNOWN) {
                    learned++;
                }
                // Once per delivered mail, whatever Bayes says of this copy: an altered copy is the same opinion.
                OriginHeader.read(message, stamps).ifPresent(origin -> runtime.reputation().recordOnce(origin,
                    spam ? ReputationStore.Outcome.BAD : ReputationStore.Outcome.GOOD));
                reportPrint(message);
            }
        } catch (StoreUnavailableException e) {
            // The mail itself goes on (the sample keeps it in bayes-feedback): it can be taught again.
            LOGGER.warn("bayes-learn: state store unavailable, {} of {} not learned: {}", spam ? "spam" : "ham",
                mail.getName(), e.getMessage());
        }
        if (learned > 0) {
            try {
                runtime.saveBayesModel();
            } catch (IOException e) {
                throw new MessagingException("Cannot save the Bayes model", e);
            }
        }
        mail.setAttribute(new Attribute(LEARNED, AttributeValue.of(learned)));
        LOGGER.info("bayes-learn: {} message(s) of {} learned as {} into the {}", learned, mail.getName(),
            spam ? "spam" : "ham", filter.model().describe());
    }

    /** A spam report makes the text's print known spam for FingerprintHook; a ham report takes one report back. */
    private void reportPrint(byte[] message) {
        Optional<Fingerprint> print = Fingerprint.of(MessageTextExtractor.extract(message).body());
        if (print.isPresent() && spam) {
            runtime.fingerprints().reportSpam(print.get());
        } else if (print.isPresent()) {
            runtime.fingerprints().withdrawSpam(print.get());
        }
    }

    private static List<byte[]> messages(Mail mail) throws MessagingException {
        List<byte[]> attached = new ArrayList<>();
        try {
            if (mail.getMessage().isMimeType("multipart/*") && mail.getMessage().getContent() instanceof Multipart) {
                Multipart parts = (Multipart) mail.getMessage().getContent();
                for (int i = 0; i < parts.getCount() && i < 100; i++) {
                    BodyPart part = parts.getBodyPart(i);
                    if (part.isMimeType("message/rfc822") && part.getContent() instanceof Part) {
                        attached.add(MessageBytes.of((Part) part.getContent()));
                    }
                }
            }
        } catch (IOException e) {
            throw new MessagingException("Cannot read " + mail.getName(), e);
        }
        return attached.isEmpty() ? List.of(MessageBytes.of(mail.getMessage())) : attached;
    }

    @Override
    public String getMailetInfo() {
        return "Bayes Learn";
    }
}
