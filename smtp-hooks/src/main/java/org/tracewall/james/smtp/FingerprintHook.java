package org.tracewall.james.smtp;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.store.StoreUnavailableException;
import org.tracewall.james.ScoreSymbols;
import org.tracewall.james.Tracewall;
import org.tracewall.james.TracewallRuntime;
import org.tracewall.reputation.fingerprint.Fingerprint;
import org.tracewall.reputation.text.AttachmentReader;

/**
 * Bulk fingerprints at the end of DATA: the print of the message's text ({@link Fingerprint},
 * read from the text of the phase, {@link TransactionText}) counts the recipients its copies reached in
 * {@code fingerprint.window}, across every node that shares the state store; at
 * {@code fingerprint.bulkRecipients} the mail gets the symbol {@code BULK}, and a print reported
 * as spam (through {@code BayesLearn}'s spam@ feedback) gives {@code FUZZY_SPAM}. For the scoring
 * only; a store that does not answer gives no symbol. The print is kept in the attribute
 * {@value #ATTRIBUTE_NAME}. Authenticated and relaying sessions are not counted. Place it before
 * {@code ScoreHook}.
 *
 * <pre>{@code
 * <handler class="org.tracewall.james.smtp.FingerprintHook"/>
 * }</pre>
 */
public class FingerprintHook implements JamesMessageHook {
    public static final String ATTRIBUTE_NAME = Tracewall.NAMESPACE + ".fingerprint";
    public static final AttributeName PRINT = AttributeName.of(ATTRIBUTE_NAME);
    private static final Logger LOGGER = LoggerFactory.getLogger(FingerprintHook.class);

    /** It takes no parameters (they are fingerprint.* in tracewall.properties): a child element is a mistake, named at start. */
    public static final OptionSection PARAMETERS = OptionSection.elements("FingerprintHook");

    private final TracewallRuntime runtime;
    private final AttachmentReader attachments;

    @Inject
    public FingerprintHook(TracewallRuntime runtime) {
        this.runtime = runtime;
        this.attachments = runtime.attachments();
    }

    @Override
    public void init(Configuration config) throws ConfigurationException {
        HandlerParameters.read(config, PARAMETERS);
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        if (SessionTrust.isTrusted(session)) {
            return HookResult.DECLINED;
        }
        Optional<Fingerprint> print = Fingerprint.of(TransactionText.of(session, mail, attachments).body());
        if (print.isEmpty()) {
            return HookResult.DECLINED;
        }
        mail.setAttribute(new Attribute(PRINT, AttributeValue.of(print.get().toString())));
        try {
            ScoreSymbols.add(mail, runtime.fingerprints().symbols(print.get(), mail.getRecipients().size()));
        } catch (StoreUnavailableException e) {
            LOGGER.warn("fingerprint: state store unavailable, {} not counted: {}", mail.getName(), e.getMessage());
        }
        return HookResult.DECLINED;
    }
}
