package org.tracewall.james.smtp;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.dnsbl.UrlListNames;
import org.tracewall.core.net.IpAddresses;
import org.tracewall.core.score.KnownSymbol;
import org.tracewall.core.score.Symbol;
import org.tracewall.core.store.StoreUnavailableException;
import org.tracewall.james.ReputationAttributes;
import org.tracewall.james.ScoreSymbols;
import org.tracewall.james.TracewallRuntime;
import org.tracewall.reputation.sender.Reputation;
import org.tracewall.reputation.sender.ReputationFeatures;
import org.tracewall.reputation.sender.ReputationStore;

/**
 * Learned reputation at the end of DATA: the mail's features ({@link ReputationFeatures}: client
 * address and network, sender domain, HELO name, X-Originating-IP, link domains, cluster) are
 * looked up in the state store, decayed with {@code reputation.halfLife}; the worst one known well
 * enough gives {@code REPUTATION_BAD} (its score as the factor), or, when every known one is good,
 * the best gives {@code REPUTATION_GOOD}. The features go with the mail so that the decision
 * teaches them ({@code ScoreHook} when it refuses, {@code ScoreMessage} otherwise). For the scoring
 * only; a store that does not answer gives no symbol. Authenticated and relaying sessions are left
 * out. Place it before {@code ScoreHook}.
 *
 * <pre>{@code
 * <handler class="org.tracewall.james.smtp.ReputationHook"/>
 * }</pre>
 */
public class ReputationHook implements JamesMessageHook {
    /** Scores nearer 0 than this say too little to give a symbol. */
    static final double SIGNIFICANT = 0.3;
    private static final int LINK_DOMAINS = 5;
    private static final Logger LOGGER = LoggerFactory.getLogger(ReputationHook.class);

    /** It takes no parameters (they are reputation.* in tracewall.properties): a child element is a mistake, named at start. */
    public static final OptionSection PARAMETERS = OptionSection.elements("ReputationHook");

    private final TracewallRuntime runtime;

    @Inject
    public ReputationHook(TracewallRuntime runtime) {
        this.runtime = runtime;
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
        ReputationFeatures features = features(session, mail);
        ReputationAttributes.store(mail, features);
        try {
            ScoreSymbols.add(mail, symbols(runtime.reputation(), runtime.reputation().lookup(features)));
        } catch (StoreUnavailableException e) {
            LOGGER.warn("reputation: state store unavailable, no reputation for {}: {}", mail.getName(), e.getMessage());
        }
        return HookResult.DECLINED;
    }

    private ReputationFeatures features(SMTPSession session, Mail mail) {
        String helo = session.getAttachment(SMTPSession.CURRENT_HELO_NAME, ProtocolSession.State.Connection).orElse("");
        String senderDomain = mail.getMaybeSender().asOptional().map(a -> a.getDomain().asString()).orElse("");
        List<String> links = UrlListNames.of(TransactionText.of(session, mail, runtime.attachments()).urlDomains(),
            runtime.traceability().publicSuffixList(), LINK_DOMAINS);
        return ReputationFeatures.of(session.getRemoteAddress().getAddress(), senderDomain, helo, originatingIp(mail), links);
    }

    /** Webmail's X-Originating-IP ("[192.0.2.7]" or bare), when it is an address. */
    private static InetAddress originatingIp(Mail mail) {
        try {
            String[] values = mail.getMessage().getHeader("X-Originating-IP");
            if (values == null || values.length == 0) {
                return null;
            }
            return IpAddresses.parseLiteral(values[0].trim().replaceAll("^\\[|]$", ""));
        } catch (MessagingException | IllegalArgumentException e) {
            return null;
        }
    }

    static List<Symbol> symbols(ReputationStore reputation, Map<String, Reputation> known) {
        List<Symbol> symbols = new ArrayList<>();
        Optional<Map.Entry<String, Reputation>> worst = reputation.worst(known);
        if (worst.isPresent() && worst.get().getValue().score() >= SIGNIFICANT) {
            symbols.add(KnownSymbol.REPUTATION_BAD.symbol(worst.get().getValue().score(), worst.get().getKey()));
        } else if (worst.isPresent() && worst.get().getValue().score() < 0) {
            Map.Entry<String, Reputation> best = reputation.best(known).orElseThrow();
            if (best.getValue().score() <= -SIGNIFICANT) {
                symbols.add(KnownSymbol.REPUTATION_GOOD.symbol(-best.getValue().score(), best.getKey()));
            }
        }
        return symbols;
    }
}
