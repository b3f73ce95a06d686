package org.tracewall.james.mailets;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.mail.BodyPart;
import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.internet.ContentType;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;

/**
 * Walks the leaf parts of a MIME message and replaces those a {@link Replacer} chooses with a
 * short text/plain notice, keeping the rest of the structure. Bounded in depth and part count,
 * so a hostile structure cannot make it loop or recurse without end.
 */
final class MimeParts {
    static final int MAX_DEPTH = 20;
    static final int MAX_PARTS = 1000;

    /** Chooses the parts to replace: the notice to put in their place, or empty to keep the part. */
    interface Replacer {
        Optional<String> noticeFor(Part part, String name, String type) throws MessagingException, IOException;
    }

    private MimeParts() {
    }

    /** Replaces the chosen parts and saves the message; returns "name (type)" of each part replaced. */
    static List<String> replace(MimeMessage message, Replacer replacer) throws MessagingException, IOException {
        List<String> replaced = new ArrayList<>();
        int[] budget = {MAX_PARTS};
        if (message.isMimeType("multipart/*")) {
            Object content = message.getContent();
            if (content instanceof Multipart && walk((Multipart) content, replacer, replaced, 1, budget)) {
                message.setContent((Multipart) content);
            }
        } else {
            Optional<String> notice = replacer.noticeFor(message, name(message), type(message));
            if (notice.isPresent()) {
                replaced.add(name(message) + " (" + type(message) + ")");
                message.setText(notice.get(), "UTF-8");
                message.setDisposition(null);
            }
        }
        if (!replaced.isEmpty()) {
            message.saveChanges();
        }
        return replaced;
    }

    private static boolean walk(Multipart multipart, Replacer replacer, List<String> replaced, int depth, int[] budget)
        throws MessagingException, IOException {
        boolean changed = false;
        for (int i = 0; i < multipart.getCount() && budget[0]-- > 0; i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.isMimeType("multipart/*")) {
                Object content = part.getContent();
                if (depth < MAX_DEPTH && content instanceof Multipart && walk((Multipart) content, replacer, replaced, depth + 1, budget)) {
                    part.setContent((Multipart) content);
                    changed = true;
                }
                continue;
            }
            Optional<String> notice = replacer.noticeFor(part, name(part), type(part));
            if (notice.isPresent()) {
                replaced.add(name(part) + " (" + type(part) + ")");
                multipart.removeBodyPart(i);
                multipart.addBodyPart(noticePart(notice.get()), i);
                changed = true;
            }
        }
        return changed;
    }

    private static MimeBodyPart noticePart(String text) throws MessagingException {
        MimeBodyPart notice = new MimeBodyPart();
        notice.setText(text, "UTF-8");
        notice.setDisposition(Part.INLINE);
        return notice;
    }

    /** The part's file name, RFC 2047 decoded (common in Chinese mail), or "" when it has none. */
    static String name(Part part) {
        try {
            String name = part.getFileName();
            return name == null ? "" : MimeUtility.decodeText(name);
        } catch (MessagingException | UnsupportedEncodingException e) {
            return "";
        }
    }

    /** The base type in lower case, "application/octet-stream" when it cannot be parsed. */
    static String type(Part part) {
        try {
            return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException | NullPointerException e) {
            return "application/octet-stream";
        }
    }
}
