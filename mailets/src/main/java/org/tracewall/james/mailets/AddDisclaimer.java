package org.tracewall.james.mailets;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Set;

import javax.mail.BodyPart;
import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.internet.ContentType;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimePart;
import javax.mail.internet.ParseException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.tracewall.james.MailText;

/**
 * Adds a disclaimer ("add a statement") to every inline text part: {@code text} at
 * the end of text/plain parts, {@code html} (default: {@code text}, HTML-escaped) before
 * {@code </body>} of text/html parts; attachments are left alone. A part whose charset cannot
 * carry the disclaimer (a Chinese text in an ISO-8859-1 part) is re-encoded as UTF-8. A message
 * that already carries the disclaimer is not changed again (a released or reprocessed mail
 * does not collect copies).
 *
 * <pre>{@code
 * <mailet match="SMTPAuthSuccessful" class="org.tracewall.james.mailets.AddDisclaimer">
 *     <text>This message is intended for its addressees only. 本邮件仅供收件人使用。</text>
 * </mailet>
 * }</pre>
 */
public class AddDisclaimer extends GenericMailet {
    static final String MARKER_HEADER = "X-Tracewall-Disclaimer";
    private static final int MAX_DEPTH = 20;

    private String text;
    private String html;

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of("text", "html"));
        text = getInitParameter("text", "").trim();
        if (text.isEmpty()) {
            throw new MessagingException("AddDisclaimer needs a 'text'");
        }
        html = getInitParameter("html", "<p>" + escape(text).replace("\n", "<br>") + "</p>");
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        if (message.getHeader(MARKER_HEADER) != null) {
            return;
        }
        try {
            if (addTo(message, 0)) {
                message.setHeader(MARKER_HEADER, "added");
                MailText.forget(mail);
                message.saveChanges();
            }
        } catch (IOException e) {
            throw new MessagingException("Cannot read the text of " + mail.getName(), e);
        }
    }

    private boolean addTo(MimePart part, int depth) throws MessagingException, IOException {
        if (depth > MAX_DEPTH || Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return false;
        }
        if (part.isMimeType("multipart/*")) {
            Object content = part.getContent();
            if (!(content instanceof Multipart)) {
                return false;
            }
            Multipart multipart = (Multipart) content;
            boolean changed = false;
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                changed |= child instanceof MimePart && addTo((MimePart) child, depth + 1);
            }
            if (changed) {
                part.setContent(multipart);
            }
            return changed;
        }
        if (part.isMimeType("text/plain")) {
            return rewrite(part, "plain", body(part) + "\n\n" + text + "\n");
        }
        if (part.isMimeType("text/html")) {
            String body = body(part);
            int end = body.toLowerCase(Locale.ROOT).lastIndexOf("</body>");
            return rewrite(part, "html", end < 0 ? body + html : body.substring(0, end) + html + body.substring(end));
        }
        return false;
    }

    private static String body(MimePart part) throws MessagingException, IOException {
        Object content = part.getContent();
        return content instanceof String ? (String) content : "";
    }

    private boolean rewrite(MimePart part, String subtype, String newText) throws MessagingException {
        part.setText(newText, charsetFor(part, newText), subtype);
        return true;
    }

    /** The part's own charset when it can carry the new text, else UTF-8. */
    private static String charsetFor(MimePart part, String newText) throws MessagingException {
        try {
            String name = new ContentType(part.getContentType()).getParameter("charset");
            if (name != null && Charset.forName(name).newEncoder().canEncode(newText)) {
                return name;
            }
        } catch (ParseException | IllegalCharsetNameException | UnsupportedCharsetException e) {
            // fall back to UTF-8
        }
        return StandardCharsets.UTF_8.name();
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public String getMailetInfo() {
        return "Add Disclaimer";
    }
}
