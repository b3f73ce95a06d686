package org.tracewall.james.smtp;

import java.util.Enumeration;

import javax.mail.MessagingException;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.config.Option;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.config.OptionValues;

/**
 * Bounds the header section of a message at the end of DATA: more than {@code maxHeaders}
 * header fields or more than {@code maxHeaderBytes} of them get {@code 552 5.3.4}. James's
 * {@code maxmessagesize} bounds the whole message, but every later step (the MIME parser,
 * each mailet that reads a header, each header a rule matches) walks the header list: a
 * message of 100,000 one-line headers would make each of them slow. Postfix bounds the same
 * ({@code header_size_limit}). Put it first among the message hooks (before SenderBindingHook and
 * ForgedHeadersHook, which parse and walk the header section).
 *
 * <pre>{@code
 * <handler class="org.tracewall.james.smtp.HeaderLimitsHook">
 *     <maxHeaders>500</maxHeaders>
 *     <maxHeaderBytes>262144</maxHeaderBytes>
 * </handler>
 * }</pre>
 */
public class HeaderLimitsHook implements JamesMessageHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(HeaderLimitsHook.class);

    private int maxHeaders = 500;
    private long maxHeaderBytes = 262_144;

    static final Option<Integer> MAX_HEADERS = Option.integer("maxHeaders", 500, 1, 1_000_000,
        "header fields a message may have; more is refused with 552");
    static final Option<Integer> MAX_HEADER_BYTES = Option.integer("maxHeaderBytes", 262_144, 1, Integer.MAX_VALUE,
        "bytes the header may take; more is refused with 552");
    public static final OptionSection PARAMETERS = OptionSection.elements("HeaderLimitsHook", MAX_HEADERS, MAX_HEADER_BYTES);

    @Override
    public void init(Configuration config) throws ConfigurationException {
        OptionValues parameters = HandlerParameters.read(config, PARAMETERS);
        maxHeaders = parameters.get(MAX_HEADERS);
        maxHeaderBytes = parameters.get(MAX_HEADER_BYTES);
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        int count = 0;
        long bytes = 0;
        try {
            Enumeration<String> lines = mail.getMessage().getAllHeaderLines();
            while (lines.hasMoreElements()) {
                bytes += lines.nextElement().length() + 2;
                count++;
                if (count > maxHeaders || bytes > maxHeaderBytes) {
                    return tooLarge(session, count, bytes);
                }
            }
        } catch (MessagingException e) {
            LOGGER.debug("unreadable header section", e);
        }
        return HookResult.DECLINED;
    }

    private HookResult tooLarge(SMTPSession session, int count, long bytes) {
        LOGGER.info("header limits: more than {} headers or {} bytes from {}: refused", maxHeaders, maxHeaderBytes,
            session.getRemoteAddress().getAddress().getHostAddress());
        return HookResult.builder().hookReturnCode(HookReturnCode.deny())
            .smtpReturnCode("552")
            .smtpDescription(DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.SYSTEM_MSG_TOO_BIG)
                + " Message header too large (at most " + maxHeaders + " header fields and " + maxHeaderBytes + " bytes)")
            .build();
    }
}
