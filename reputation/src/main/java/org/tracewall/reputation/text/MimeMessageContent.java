package org.tracewall.reputation.text;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.tracewall.core.content.MessageContent;

/**
 * A message as content rules see it: header values as {@link HeaderText} decodes them (RFC 2047,
 * raw 8-bit Chinese) and the body text of the message's one {@link MessageText} (charsets detected where
 * labels lie, HTML stripped, bounded; the same text Bayes reads), asked for only when a rule
 * reads the body. Broken MIME yields what could be read, never an exception: a rule then simply
 * does not match.
 */
public final class MimeMessageContent implements MessageContent {
    private final MimeMessage message;
    private final Supplier<String> bodyText;
    private String body;

    /** @param bodyText the body as {@link MessageText} reads it, asked for at most once */
    public MimeMessageContent(MimeMessage message, Supplier<String> bodyText) {
        this.message = message;
        this.bodyText = bodyText;
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

    @Override
    public String bodyText() {
        if (body == null) {
            try {
                body = bodyText.get();
            } catch (RuntimeException e) {
                body = "";
            }
        }
        return body;
    }
}
