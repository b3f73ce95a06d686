package org.tracewall.james;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.List;

import javax.mail.BodyPart;
import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;

import org.tracewall.core.score.MessageContent;

/**
 * A message as content rules see it: decoded header values (RFC 2047) and the text of its
 * inline text parts, charsets decoded by JavaMail. Bounded: at most {@value #MAX_TEXT} characters
 * of text from at most {@value #MAX_PARTS} parts {@value #MAX_DEPTH} levels deep; attachments are
 * not read. Broken MIME yields what could be read, never an exception: a rule then simply does not match.
 */
public final class MimeMessageContent implements MessageContent {
    static final int MAX_TEXT = 256 * 1024;
    static final int MAX_PARTS = 100;
    static final int MAX_DEPTH = 10;

    private final MimeMessage message;
    private String body;

    public MimeMessageContent(MimeMessage message) {
        this.message = message;
    }

    @Override
    public List<String> header(String name) {
        List<String> values = new ArrayList<>();
        try {
            String[] raw = message.getHeader(name);
            if (raw != null) {
                for (String value : raw) {
                    values.add(decode(value));
                }
            }
        } catch (MessagingException e) {
            // unreadable header: no value
        }
        return values;
    }

    @Override
    public String bodyText() {
        if (body == null) {
            StringBuilder text = new StringBuilder();
            collect(message, text, 0, new int[] {0});
            body = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text.toString();
        }
        return body;
    }

    private static void collect(Part part, StringBuilder text, int depth, int[] parts) {
        if (depth > MAX_DEPTH || parts[0]++ >= MAX_PARTS || text.length() >= MAX_TEXT) {
            return;
        }
        try {
            if (part.isMimeType("multipart/*")) {
                Object content = part.getContent();
                if (content instanceof Multipart) {
                    Multipart multipart = (Multipart) content;
                    for (int i = 0; i < multipart.getCount(); i++) {
                        BodyPart child = multipart.getBodyPart(i);
                        collect(child, text, depth + 1, parts);
                    }
                }
            } else if (part.isMimeType("text/*") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                Object content = part.getContent();
                if (content instanceof String) {
                    text.append((String) content).append('\n');
                }
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            // a broken part (bad encoding, unknown charset, truncated multipart) contributes nothing
        }
    }

    private static String decode(String value) {
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(value));
        } catch (UnsupportedEncodingException | RuntimeException e) {
            return value;
        }
    }
}
