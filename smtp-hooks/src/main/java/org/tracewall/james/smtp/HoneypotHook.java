package org.tracewall.james.smtp;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
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
import org.tracewall.core.net.IpAddresses;
import org.tracewall.core.score.KnownSymbol;
import org.tracewall.core.store.StoreUnavailableException;
import org.tracewall.james.ScoreSymbols;
import org.tracewall.james.Tracewall;
import org.tracewall.james.TracewallRuntime;
import org.tracewall.reputation.fingerprint.Fingerprint;

/**
 * Trap addresses ({@code honeypot.addresses}): published where only address harvesters find them,
 * so whatever writes to them is spam. A trap is accepted at RCPT like a mailbox (250, before the
 * recipient checks: a harvester must not learn that it is not one), and at the end of DATA the
 * mail is taken from it, never delivered: the client is remembered for {@code honeypot.clientMemory}
 * (its later mail gets {@code HONEYPOT_CLIENT}) and the text's print is reported as spam (its copies
 * to real users get {@code FUZZY_SPAM}, with {@code FingerprintHook}). Mail with no other recipient
 * is marked {@value #ATTRIBUTE_NAME} and the sample's root processor drops it. Authenticated and
 * relaying sessions teach nothing. A store that does not answer teaches nothing; the trap still
 * receives nothing.
 *
 * <pre>{@code
 * <handler class="org.tracewall.james.smtp.HoneypotHook"/>
 * }</pre>
 */
public class HoneypotHook implements RcptHook, JamesMessageHook {
    public static final String ATTRIBUTE_NAME = Tracewall.NAMESPACE + ".honeypot.trapped";
    public static final AttributeName TRAPPED = AttributeName.of(ATTRIBUTE_NAME);
    private static final Logger LOGGER = LoggerFactory.getLogger(HoneypotHook.class);

    /** It takes no parameters (they are honeypot.* in tracewall.properties): a child element is a mistake, named at start. */
    public static final OptionSection PARAMETERS = OptionSection.elements("HoneypotHook");

    private final TracewallRuntime runtime;

    @Inject
    public HoneypotHook(TracewallRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public void init(Configuration config) throws ConfigurationException {
        HandlerParameters.read(config, PARAMETERS);
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        return runtime.honeypot().isTrap(rcpt.asString()) ? HookResult.builder().hookReturnCode(HookReturnCode.ok()).build()
            : HookResult.DECLINED;
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        List<MailAddress> traps = new ArrayList<>();
        List<MailAddress> others = new ArrayList<>();
        for (MailAddress recipient : mail.getRecipients()) {
            (runtime.honeypot().isTrap(recipient.asString()) ? traps : others).add(recipient);
        }
        InetAddress client = session.getRemoteAddress().getAddress();
        try {
            if (!traps.isEmpty()) {
                trapped(session, mail, client, traps, others);
            } else if (!SessionTrust.isTrusted(session) && runtime.honeypot().wasTrapped(client)) {
                ScoreSymbols.add(mail, KnownSymbol.HONEYPOT_CLIENT.symbol(1.0, IpAddresses.readable(client)));
            }
        } catch (StoreUnavailableException e) {
            LOGGER.warn("honeypot: state store unavailable, nothing learned from {}: {}", mail.getName(), e.getMessage());
        }
        return HookResult.DECLINED;
    }

    private void trapped(SMTPSession session, Mail mail, InetAddress client, List<MailAddress> traps, List<MailAddress> others) {
        mail.setRecipients(others);
        if (others.isEmpty()) {
            mail.setAttribute(new Attribute(TRAPPED, AttributeValue.of(traps.get(0).asString())));
        }
        if (SessionTrust.isTrusted(session)) {
            return;
        }
        LOGGER.info("honeypot ip={} from=<{}> traps={} other recipients={}", IpAddresses.readable(client),
            SmtpText.safe(mail.getMaybeSender().asString()), traps, others.size());
        runtime.honeypot().trapped(client);
        Fingerprint.of(TransactionText.of(session, mail, runtime.attachments()).body())
            .ifPresent(print -> runtime.fingerprints().reportSpam(print));
    }
}
