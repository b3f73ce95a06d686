package org.tracewall.james.smtp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;

import javax.mail.MessagingException;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.av.ClamdClient;
import org.tracewall.core.av.ScanResult;
import org.tracewall.core.config.Option;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.config.OptionValues;
import org.tracewall.core.score.Symbol;
import org.tracewall.james.MessageBytes;
import org.tracewall.james.ScoreSymbols;
import org.tracewall.james.VirusAttributes;

/**
 * Virus scanning at the end of DATA with clamd (INSTREAM over TCP). An infected message is
 * refused ({@code <infected>reject</infected>}: 554 5.7.1 naming the signature) or accepted and
 * marked with the mail attribute {@link #VIRUS} ({@code quarantine}: the sample's root processor
 * then moves it to the quarantine repository, releasable through WebAdmin). When clamd cannot
 * scan (down, timeout, size limit): {@code <unavailable>defer</unavailable>} answers 451 4.3.0
 * (the sender retries), {@code accept} delivers with {@code X-Tracewall-Virus-Scan: unavailable};
 * never a silent pass.
 *
 * <pre>{@code
 * <handler class="org.tracewall.james.smtp.ClamAvHook">
 *     <host>127.0.0.1</host>
 *     <port>3310</port>
 *     <timeout>30s</timeout>
 *     <infected>quarantine</infected>   <!-- reject | quarantine -->
 *     <unavailable>defer</unavailable>  <!-- defer | accept -->
 * </handler>
 * }</pre>
 */
public class ClamAvHook implements JamesMessageHook {
    public static final AttributeName VIRUS = VirusAttributes.VIRUS;
    public static final String SCAN_HEADER = "X-Tracewall-Virus-Scan";
    private static final Logger LOGGER = LoggerFactory.getLogger(ClamAvHook.class);

    private ClamdClient clamd;
    private boolean reject;
    private boolean deferWhenUnavailable;

    /** What a message with a virus gets. */
    enum OnInfected { REJECT, QUARANTINE }

    /** What a message gets when clamd cannot scan it. */
    enum OnUnavailable { DEFER, ACCEPT }

    static final Option<String> HOST = Option.text("host", "127.0.0.1", "clamd's address");
    static final Option<Integer> PORT = Option.integer("port", 3310, 1, 65535, "clamd's TCP port");
    static final Option<Duration> TIMEOUT = Option.positiveDuration("timeout", Duration.ofSeconds(30), "the whole scan of one message");
    static final Option<OnInfected> INFECTED = Option.choice("infected", OnInfected.class, OnInfected.QUARANTINE,
        "reject: 554 at DATA; quarantine: accept and mark it for the quarantine processor");
    static final Option<OnUnavailable> UNAVAILABLE = Option.choice("unavailable", OnUnavailable.class, OnUnavailable.DEFER,
        "defer: 451, the sender retries; accept: accept unscanned, marked");
    public static final OptionSection PARAMETERS = OptionSection.elements("ClamAvHook", HOST, PORT, TIMEOUT, INFECTED, UNAVAILABLE);

    @Override
    public void init(Configuration config) throws ConfigurationException {
        OptionValues parameters = HandlerParameters.read(config, PARAMETERS);
        clamd = new ClamdClient(new InetSocketAddress(parameters.get(HOST), parameters.get(PORT)), parameters.get(TIMEOUT));
        reject = parameters.get(INFECTED) == OnInfected.REJECT;
        deferWhenUnavailable = parameters.get(UNAVAILABLE) == OnUnavailable.DEFER;
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        ScanResult result = scan(session, mail);
        switch (result.status()) {
            case INFECTED:
                String signature = result.signature().orElse("unknown");
                LOGGER.info("clamav: {} infected with {}", mail.getName(), signature);
                if (reject) {
                    return HookResult.builder().hookReturnCode(HookReturnCode.deny()).smtpReturnCode("554")
                        .smtpDescription(DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.SECURITY_OTHER)
                            + " Message refused: virus found (" + SmtpText.safe(signature) + ")")
                        .build();
                }
                mail.setAttribute(new Attribute(VIRUS, AttributeValue.of(signature)));
                ScoreSymbols.add(mail, Symbol.of(VirusAttributes.SYMBOL, 1.0, signature));
                return HookResult.DECLINED;
            case UNAVAILABLE:
                LOGGER.warn("clamav: cannot scan {}: {}", mail.getName(), result.reason().orElse(""));
                if (deferWhenUnavailable) {
                    return HookResult.builder().hookReturnCode(HookReturnCode.denySoft()).smtpReturnCode(SMTPRetCode.LOCAL_ERROR)
                        .smtpDescription(DSNStatus.getStatus(DSNStatus.TRANSIENT, DSNStatus.SYSTEM_OTHER)
                            + " Virus scanner unavailable; please try again later")
                        .build();
                }
                markUnscanned(mail);
                return HookResult.DECLINED;
            default:
                return HookResult.DECLINED;
        }
    }

    /**
     * Sends clamd the transaction's bytes, which the score then reads too (one serialisation per
     * message); a message over {@link MessageBytes#LIMIT} is streamed as it is written instead.
     */
    private ScanResult scan(SMTPSession session, Mail mail) {
        byte[] bytes = TransactionBytes.of(session, mail);
        if (bytes.length > 0 && MessageBytes.isWhole(bytes)) {
            return clamd.scan(new ByteArrayInputStream(bytes));
        }
        return streamed(mail);
    }

    /**
     * Streams the message to clamd as it is written, without a copy in memory. The writer gets a
     * thread of its own, and the pipe is closed from the reading side as soon as clamd has
     * answered: when clamd stops reading early (its {@code StreamMaxLength}, a crash) the writer's
     * next write then fails instead of waiting forever on a full pipe, and with it the SMTP
     * thread that waits for it (a shared pool would also make one stuck writer stall every scan).
     */
    private ScanResult streamed(Mail mail) {
        try (PipedInputStream in = new PipedInputStream(64 * 1024); PipedOutputStream out = new PipedOutputStream(in)) {
            Thread writer = new Thread(() -> write(mail, out), "tracewall-clamav-writer");
            writer.setDaemon(true);
            writer.start();
            ScanResult result;
            try {
                result = clamd.scan(in);
            } finally {
                in.close();
            }
            writer.join();
            return result;
        } catch (IOException e) {
            return ClamdClient.unavailable("cannot stream the message: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ClamdClient.unavailable("interrupted while streaming the message");
        }
    }

    private static void write(Mail mail, PipedOutputStream out) {
        try (out) {
            mail.getMessage().writeTo(out);
        } catch (IOException | MessagingException e) {
            // the reader closed the pipe (clamd answered or went away): the scan result says what happened
        }
    }

    private static void markUnscanned(Mail mail) {
        try {
            mail.getMessage().setHeader(SCAN_HEADER, "unavailable");
        } catch (MessagingException e) {
            LOGGER.warn("cannot mark {} as unscanned", mail.getName(), e);
        }
    }
}
