package org.tracewall.james.mailets;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.mail.MessagingException;
import javax.mail.Part;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.james.MailText;
import org.tracewall.james.Tracewall;

/**
 * Removes attachments by file extension and/or MIME type ("strip attachment") and
 * puts a short notice in each one's place, so the recipient knows something was removed and
 * why. The rest of the message, its text and structure, is kept. The names removed go into the
 * attribute {@link #STRIPPED}.
 *
 * <p>Parameters: {@code extensions} (comma separated, without dots; case-insensitive),
 * {@code mimeTypes} (comma separated; {@code application/*} matches a whole family), at least
 * one of them; {@code notice} ({@code {name}} and {@code {type}} replaced).
 *
 * <pre>{@code
 * <mailet match="received-mail" class="org.tracewall.james.mailets.StripAttachments">
 *     <extensions>exe, scr, pif, com, bat, cmd, vbs, vbe, js, jse, wsf, hta, cpl, msi, lnk</extensions>
 *     <mimeTypes>application/x-msdownload, application/x-dosexec</mimeTypes>
 * </mailet>
 * }</pre>
 */
public class StripAttachments extends GenericMailet {
    public static final AttributeName STRIPPED = AttributeName.of(Tracewall.NAMESPACE + ".stripped");
    static final String DEFAULT_NOTICE = "The attachment {name} ({type}) was removed by the mail gateway.";
    private static final Logger LOGGER = LoggerFactory.getLogger(StripAttachments.class);

    private Set<String> extensions;
    private Set<String> mimeTypes;
    private String notice;

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of("extensions", "mimeTypes", "notice"));
        extensions = list(getInitParameter("extensions", "")).map(e -> e.startsWith(".") ? e.substring(1) : e)
            .collect(Collectors.toUnmodifiableSet());
        mimeTypes = list(getInitParameter("mimeTypes", "")).collect(Collectors.toUnmodifiableSet());
        if (extensions.isEmpty() && mimeTypes.isEmpty()) {
            throw new MessagingException("StripAttachments needs 'extensions' and/or 'mimeTypes'");
        }
        for (String type : mimeTypes) {
            if (!type.matches("[a-z0-9.+-]+/([a-z0-9.+-]+|\\*)")) {
                throw new MessagingException("Invalid 'mimeTypes' entry '" + type + "' (type/subtype or type/*)");
            }
        }
        notice = getInitParameter("notice", DEFAULT_NOTICE);
    }

    private static Stream<String> list(String value) {
        return Stream.of(value.split(",")).map(String::trim).map(s -> s.toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty());
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        try {
            List<String> removed = MimeParts.replace(mail.getMessage(), this::noticeFor);
            if (!removed.isEmpty()) {
                MailText.forget(mail);
            }
            if (!removed.isEmpty()) {
                mail.setAttribute(new Attribute(STRIPPED, AttributeValue.of(String.join(", ", removed))));
                LOGGER.info("strip-attachments mail={} removed={}", mail.getName(), removed);
            }
        } catch (IOException e) {
            throw new MessagingException("Cannot read the parts of " + mail.getName(), e);
        }
    }

    private Optional<String> noticeFor(Part part, String name, String type) {
        String lowerName = name.toLowerCase(Locale.ROOT);
        int dot = lowerName.lastIndexOf('.');
        boolean byExtension = dot >= 0 && extensions.contains(lowerName.substring(dot + 1));
        boolean byType = mimeTypes.contains(type) || mimeTypes.contains(type.substring(0, type.indexOf('/') + 1) + "*");
        if (!byExtension && !byType) {
            return Optional.empty();
        }
        return Optional.of(notice.replace("{name}", name.isEmpty() ? "(unnamed)" : name).replace("{type}", type));
    }

    @Override
    public String getMailetInfo() {
        return "Strip Attachments";
    }
}
