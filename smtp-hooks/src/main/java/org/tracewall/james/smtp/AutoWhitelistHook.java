package org.tracewall.james.smtp;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.awl.AutoWhitelist;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.score.KnownSymbol;
import org.tracewall.core.store.StoreUnavailableException;
import org.tracewall.core.trace.TraceResult;
import org.tracewall.core.trace.TraceVerdict;
import org.tracewall.james.ScoreSymbols;
import org.tracewall.james.TracewallRuntime;

/**
 * The auto-whitelist at RCPT: the recipients of a local user's authenticated mail become trusted
 * senders for the address the user sent from ({@code awl.lifetime}; put SenderBindingHook in the
 * submission chains so that it is the user's own); mail from one of them to that user, once
 * {@code TraceabilityHook} has traced it to its domain (so that a forged sender gains nothing),
 * skips greylisting and gets {@code AUTO_WHITELIST} (weight -5, so that content alone does not tag
 * it). Never the virus scan, nor any refusal: DNS lists, rate limits and the rest still apply.
 * Place it after {@code TraceabilityHook} and before {@code GreylistHook}. A store that does not
 * answer trusts nobody.
 *
 * <pre>{@code
 * <handler class="org.tracewall.james.smtp.AutoWhitelistHook"/>
 * }</pre>
 */
public class AutoWhitelistHook implements RcptHook, JamesMessageHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(AutoWhitelistHook.class);

    /** It takes no parameters (they are awl.* in tracewall.properties): a child element is a mistake, named at start. */
    public static final OptionSection PARAMETERS = OptionSection.elements("AutoWhitelistHook");

    private final TracewallRuntime runtime;

    @Inject
    public AutoWhitelistHook(TracewallRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public void init(Configuration config) throws ConfigurationException {
        HandlerParameters.read(config, PARAMETERS);
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        try {
            AutoWhitelist whitelist = runtime.autoWhitelist();
            if (session.getUsername() != null) {
                // Under the address the user writes from (SenderBindingHook binds it to the login), the
                // address later mail to the user is looked up by: a login without a domain would never match.
                if (!sender.isNullSender()) {
                    whitelist.remember(sender.get().asString(), rcpt.asString());
                }
            } else if (!sender.isNullSender() && traced(session) && whitelist.trusts(rcpt.asString(), sender.get().asString())) {
                SessionTrust.markRecipient(session, SessionTrust.AUTO_WHITELISTED, rcpt);
            }
        } catch (StoreUnavailableException e) {
            LOGGER.warn("auto-whitelist: state store unavailable: {}", e.getMessage());
        }
        return HookResult.DECLINED;
    }

    private static boolean traced(SMTPSession session) {
        Optional<TraceVerdict> verdict = session.getAttachment(TraceabilityHook.VERDICT, ProtocolSession.State.Transaction);
        return verdict.map(v -> v.result() == TraceResult.TRACEABLE).orElse(false);
    }

    /** AUTO_WHITELIST when every recipient of the mail trusts its sender. */
    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        if (!mail.getRecipients().isEmpty() && mail.getRecipients().stream().allMatch(r -> SessionTrust.isAutoWhitelisted(session, r))) {
            ScoreSymbols.add(mail, KnownSymbol.AUTO_WHITELIST.symbol(1.0, mail.getMaybeSender().asString()));
        }
        return HookResult.DECLINED;
    }
}
