package org.tracewall.james;

import java.util.ArrayList;
import java.util.List;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.tracewall.core.score.MessageContent;
import org.tracewall.reputation.text.AttachmentReader;
import org.tracewall.reputation.text.HeaderText;
import org.tracewall.reputation.text.MessageTextExtractor;

/**
 * A message as content rules see it: header values as {@link HeaderText} decodes them (RFC 2047,
 * raw 8-bit Chinese) and the body text as the
 * Bayes filter reads it ({@link MessageTextExtractor}: charsets detected where labels lie, HTML
 * stripped, bounded in size, depth and parts; documents attached read through the
 * {@link AttachmentReader} when one is configured). Broken MIME yields what
 * could be read, never an exception: a rule then simply does not match.
 */
public final class MimeMessageContent implements MessageContent {
    private final MimeMessage message;
    private final AttachmentReader attachments;
    private String body;

    public MimeMessageContent(MimeMessage message) {
        this(message, AttachmentReader.NONE);
    }

    public MimeMessageContent(MimeMessage message, AttachmentReader attachments) {
        this.message = message;
        this.attachments = attachments;
    }

    @Override
    public List<String> header(String name) {
        List<String> values = new ArrayList<>();
        try {
            String[] raw = message.getHeader(name);
            if (raw != null) {
                for (String value : raw) {
                    values.add(HeaderText.decode(value));
                }
            }
        } catch (MessagingException e) {
            // unreadable header: no value
        }
        return values;
    }

    /** The text the Bayes filter reads too (charsets detected, HTML stripped), computed once. */
    @Override
    public String bodyText() {
        if (body == null) {
            try {
                body = MessageTextExtractor.extract(MessageBytes.of(message), attachments).body();
            } catch (MessagingException | RuntimeException e) {
                body = "";
            }
        }
        return body;
    }
}
