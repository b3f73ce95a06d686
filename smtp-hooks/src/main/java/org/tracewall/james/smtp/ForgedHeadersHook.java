package org.tracewall.james.smtp;

import java.util.List;

import javax.mail.MessagingException;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.config.Option;
import org.tracewall.core.config.OptionSection;
import org.tracewall.james.ForgedHeaders;

/**
 * Removes, at the end of DATA, the headers only this gateway may write ({@code X-Tracewall-*}
 * and {@code X-Spam-*} by default; see {@code ForgedHeaders}) from every message received over
 * SMTP, authenticated users' included: a user who adds {@code X-Tracewall-Disclaimer} would
 * otherwise skip the disclaimer. Put it after HeaderLimitsHook (which bounds the header section it
 * walks) and before the hooks that write such headers (ClamAvHook marks unscanned mail), so that they
 * write the only copies.
 *
 * <pre>{@code
 * <handler class="org.tracewall.james.smtp.ForgedHeadersHook"/>
 * }</pre>
 *
 * Parameter {@code prefixes}: the header name prefixes to remove, comma separated.
 */
public class ForgedHeadersHook implements JamesMessageHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(ForgedHeadersHook.class);

    private List<String> prefixes = ForgedHeaders.DEFAULT_PREFIXES;

    static final Option<String> PREFIXES = Option.text("prefixes", "",
        "header name prefixes removed from received mail, comma separated").defaultReads("X-Tracewall-, X-Spam-");
    public static final OptionSection PARAMETERS = OptionSection.elements("ForgedHeadersHook", PREFIXES);

    @Override
    public void init(Configuration config) throws ConfigurationException {
        prefixes = ForgedHeaders.prefixes(HandlerParameters.read(config, PARAMETERS).get(PREFIXES));
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        try {
            int removed = ForgedHeaders.removeFrom(mail.getMessage(), prefixes);
            if (removed > 0) {
                LOGGER.info("removed {} forged gateway header(s) from the message of {}", removed,
                    session.getRemoteAddress().getAddress().getHostAddress());
            }
        } catch (MessagingException e) {
            LOGGER.warn("cannot read the headers of {}", mail.getName(), e);
        }
        return HookResult.DECLINED;
    }
}
