package org.tracewall.reputation.text;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;

import javax.mail.internet.MimeUtility;

/**
 * One raw header value as text: unfolded, RFC 2047 words decoded, and raw 8-bit bytes (common
 * in Chinese mail, which JavaMail hands over as ISO-8859-1 characters) decoded by the same
 * charset rules as bodies. Shared by the Bayes extractor and the content rules, so both read a
 * Subject the same way.
 */
public final class HeaderText {
    private HeaderText() {
    }

    public static String decode(String raw) {
        String unfolded = MimeUtility.unfold(raw);
        if (!unfolded.contains("=?") && unfolded.chars().anyMatch(c -> c > 0x7f)) {
            return CharsetDecoding.guess(unfolded.getBytes(StandardCharsets.ISO_8859_1)).text();
        }
        try {
            return MimeUtility.decodeText(unfolded);
        } catch (UnsupportedEncodingException | RuntimeException e) {
            return unfolded;
        }
    }
}
