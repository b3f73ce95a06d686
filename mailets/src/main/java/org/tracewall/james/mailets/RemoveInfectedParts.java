package org.tracewall.james.mailets;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.mail.MessagingException;
import javax.mail.Part;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.av.ClamdClient;
import org.tracewall.core.av.ScanResult;
import org.tracewall.james.MailText;
import org.tracewall.james.ScoreSymbols;
import org.tracewall.james.VirusAttributes;

/**
 * "Clean the virus": scans each part of an infected message with clamd and replaces
 * the infected ones with a notice naming the signature. When every infected part is gone, the
 * mail is clean (the {@code org.tracewall.av.virus} attribute and the {@code VIRUS} symbol are
 * removed, {@code X-Tracewall-Virus-Removed} is added) and goes on to its recipients. When the
 * virus cannot be cut out (it is in the body itself, or clamd cannot scan), the mail keeps its
 * mark, so the quarantine that follows in the processor still holds it: never a silent pass.
 *
 * <pre>{@code
 * <mailet match="HasMailAttribute=org.tracewall.av.virus" class="org.tracewall.james.mailets.RemoveInfectedParts">
 *     <host>127.0.0.1</host>
 *     <port>3310</port>
 * </mailet>
 * <mailet match="HasMailAttribute=org.tracewall.av.virus" class="ToRepository">
 *     <repositoryPath>file://var/mail/quarantine/</repositoryPath>
 * </mailet>
 * }</pre>
 */
public class RemoveInfectedParts extends GenericMailet {
    public static final String REMOVED_HEADER = "X-Tracewall-Virus-Removed";
    private static final Logger LOGGER = LoggerFactory.getLogger(RemoveInfectedParts.class);

    private ClamdClient clamd;

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of("host", "port", "timeout"));
        try {
            clamd = ClamdClient.configured(getInitParameter("host", "127.0.0.1"), getInitParameter("port", "3310"),
                getInitParameter("timeout", "30s"));
        } catch (IllegalArgumentException e) {
            throw new MessagingException(e.getMessage(), e);
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        boolean[] unscannable = {false};
        List<String> removed;
        try {
            removed = MimeParts.replace(mail.getMessage(), (part, name, type) -> scan(part, name, unscannable));
        } catch (IOException e) {
            LOGGER.warn("remove-infected-parts: cannot read {}; it stays marked infected", mail.getName(), e);
            return;
        }
        if (!removed.isEmpty()) {
            MailText.forget(mail);
        }
        if (removed.isEmpty() || unscannable[0]) {
            LOGGER.info("remove-infected-parts mail={} removed={} cleaned=false", mail.getName(), removed);
            return;
        }
        ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
        try {
            mail.getMessage().writeTo(rewritten);
        } catch (IOException e) {
            throw new MessagingException("Cannot write " + mail.getName(), e);
        }
        ScanResult whole = clamd.scan(new ByteArrayInputStream(rewritten.toByteArray()));
        if (whole.status() == ScanResult.Status.CLEAN) {
            mail.removeAttribute(VirusAttributes.VIRUS);
            ScoreSymbols.remove(mail, VirusAttributes.SYMBOL);
            mail.getMessage().setHeader(REMOVED_HEADER, String.join(", ", removed).replaceAll("[\\r\\n]", " "));
            mail.getMessage().saveChanges();
        }
        LOGGER.info("remove-infected-parts mail={} removed={} cleaned={}", mail.getName(), removed,
            whole.status() == ScanResult.Status.CLEAN);
    }

    private Optional<String> scan(Part part, String name, boolean[] unscannable) throws MessagingException, IOException {
        try (InputStream content = part.getInputStream()) {
            ScanResult result = clamd.scan(content);
            if (result.status() == ScanResult.Status.UNAVAILABLE) {
                unscannable[0] = true;
            }
            if (result.status() != ScanResult.Status.INFECTED) {
                return Optional.empty();
            }
            return Optional.of("The attachment " + (name.isEmpty() ? "(unnamed)" : name) + " was removed by the mail gateway: "
                + "it contained the virus " + result.signature().orElse("unknown") + ".");
        }
    }

    @Override
    public String getMailetInfo() {
        return "Remove Infected Parts";
    }
}
