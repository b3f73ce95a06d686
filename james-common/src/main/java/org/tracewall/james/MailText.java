package org.tracewall.james;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.mail.MessagingException;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.tracewall.reputation.text.AttachmentReader;
import org.tracewall.reputation.text.MessageText;
import org.tracewall.reputation.text.MessageTextExtractor;

/**
 * The text of a mail, read once and carried with it: the first content check of a phase that
 * needs it (the end-of-DATA score, or Bayes and the score in the mailet container) reads the
 * message; the text goes into the mail attribute {@value #ATTRIBUTE_NAME}, which James keeps with
 * the mail through its queue (in memory, ActiveMQ or RabbitMQ alike: strings, lists and maps
 * only), so every later check of that phase and of the next reads it instead of the message.
 *
 * <p>The carried text names the body size it was read from (James's {@code MimeMessage#getSize},
 * which is -1 once a mailet changed the body): a mailet that strips an attachment or adds a
 * footer makes the text stale, and the next check reads the message again. Texts over
 * {@value #MAX_CARRIED_CHARS} characters are not carried (the queue would hold them twice).
 */
public final class MailText {
    public static final String ATTRIBUTE_NAME = Tracewall.NAMESPACE + ".text";
    public static final AttributeName TEXT = AttributeName.of(ATTRIBUTE_NAME);
    static final int MAX_CARRIED_CHARS = 256 * 1024;

    private MailText() {
    }

    /** The mail's text, carried or read now from its bytes (by {@link MessageBytes}). */
    public static MessageText of(Mail mail, AttachmentReader attachments) {
        return of(mail, () -> bytes(mail), attachments);
    }

    /**
     * As {@link #of(Mail, AttachmentReader)}, reading the message's bytes through {@code bytes}
     * when it must (the SMTP hooks share one serialisation per transaction).
     */
    public static MessageText of(Mail mail, Supplier<byte[]> bytes, AttachmentReader attachments) {
        long bodySize = bodySize(mail);
        Optional<MessageText> carried = carried(mail, bodySize);
        if (carried.isPresent()) {
            return carried.get();
        }
        MessageText text = MessageTextExtractor.extract(bytes.get(), attachments);
        if (bodySize >= 0 && text.body().length() <= MAX_CARRIED_CHARS) {
            mail.setAttribute(new Attribute(TEXT, encode(text, bodySize)));
        }
        return text;
    }

    /** Forgets the carried text: for a mailet that changes the body in a way its size may not show. */
    public static void forget(Mail mail) {
        mail.removeAttribute(TEXT);
    }

    private static byte[] bytes(Mail mail) {
        try {
            return MessageBytes.of(mail.getMessage());
        } catch (MessagingException e) {
            return new byte[0];
        }
    }

    /** James's size of the mail's body, -1 when unknown (a mailet changed it): what a carried text is checked against. */
    public static long bodySize(Mail mail) {
        try {
            return mail.getMessage() == null ? -1 : mail.getMessage().getSize();
        } catch (MessagingException e) {
            return -1;
        }
    }

    private static Optional<MessageText> carried(Mail mail, long bodySize) {
        if (bodySize < 0) {
            return Optional.empty();
        }
        return mail.getAttribute(TEXT).map(Attribute::getValue).map(AttributeValue::value)
            .filter(Map.class::isInstance).map(value -> (Map<?, ?>) value)
            .filter(fields -> Long.valueOf(bodySize).equals(unwrap(fields.get("bodySize"))))
            .map(MailText::decode);
    }

    private static AttributeValue<?> encode(MessageText text, long bodySize) {
        return AttributeValue.of(Map.of(
            "bodySize", AttributeValue.of(bodySize),
            "subject", AttributeValue.of(text.subject()),
            "from", AttributeValue.of(text.from()),
            "body", AttributeValue.of(text.body()),
            "urlDomains", list(text.urlDomains()),
            "structure", list(text.structure()),
            "received", list(text.received())));
    }

    private static MessageText decode(Map<?, ?> fields) {
        return MessageText.of(string(fields.get("subject")), string(fields.get("from")), string(fields.get("body")),
            strings(fields.get("urlDomains")), strings(fields.get("structure")), strings(fields.get("received")));
    }

    private static AttributeValue<?> list(List<String> values) {
        return AttributeValue.of(values.stream().map(AttributeValue::of).collect(Collectors.<AttributeValue<?>>toList()));
    }

    private static Object unwrap(Object value) {
        return value instanceof AttributeValue ? ((AttributeValue<?>) value).value() : value;
    }

    private static String string(Object value) {
        Object unwrapped = unwrap(value);
        return unwrapped == null ? "" : unwrapped.toString();
    }

    private static List<String> strings(Object value) {
        Object unwrapped = unwrap(value);
        List<String> values = new ArrayList<>();
        if (unwrapped instanceof Collection) {
            ((Collection<?>) unwrapped).forEach(item -> values.add(string(item)));
        }
        return values;
    }
}
