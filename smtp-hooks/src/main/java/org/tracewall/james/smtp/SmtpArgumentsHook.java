package org.tracewall.james.smtp;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.HeloHook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.config.OptionSection;

/**
 * Refuses SMTP arguments that carry control characters, a bare CR or LF above all, with
 * {@code 501 5.5.4}: C0, DEL, C1 (NEL, U+0085, among them) and the Unicode line and paragraph
 * separators, which some header readers also break lines on. James splits commands on CRLF only,
 * so {@code EHLO evil<CR>X-Injected: yes} arrives as one HELO name, and James writes it into its own {@code Received} header, where the
 * CR becomes a line break: a header of the client's choosing, above every header the gateway
 * trusts. No valid HELO name, address or parameter contains a control character (RFC 5321
 * section 4.1.2), so refusing them costs nothing. First in every server's chain.
 *
 * <pre>{@code
 * <handler class="org.tracewall.james.smtp.SmtpArgumentsHook"/>
 * }</pre>
 */
public class SmtpArgumentsHook implements HeloHook, MailHook, RcptHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(SmtpArgumentsHook.class);

    /** It takes no parameters: a child element in its {@code <handler>} is a mistake, named at start. */
    public static final OptionSection PARAMETERS = OptionSection.elements("SmtpArgumentsHook");

    @Override
    public void init(Configuration config) throws ConfigurationException {
        HandlerParameters.read(config, PARAMETERS);
    }

    @Override
    public HookResult doHelo(SMTPSession session, String helo) {
        return judge(session, "HELO/EHLO", helo);
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        return judge(session, "MAIL FROM", sender.asString());
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        return judge(session, "RCPT TO", rcpt.asString());
    }

    private static HookResult judge(SMTPSession session, String command, String argument) {
        if (argument == null || !hasControlCharacter(argument)) {
            return HookResult.DECLINED;
        }
        LOGGER.info("control character in the {} argument from {}: refused", command,
            session.getRemoteAddress().getAddress().getHostAddress());
        return HookResult.builder().hookReturnCode(HookReturnCode.deny())
            .smtpReturnCode(SMTPRetCode.SYNTAX_ERROR_ARGUMENTS)
            .smtpDescription(DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.DELIVERY_INVALID_ARG)
                + " Control characters (such as a bare CR or LF) are not allowed in the " + command + " argument")
            .build();
    }

    static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }
}
