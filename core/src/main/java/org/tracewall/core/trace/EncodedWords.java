package org.tracewall.core.trace;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes RFC 2047 encoded words wherever they appear in a header value, as mail clients do when
 * they display it: also inside quoted strings, comments and what should be an address. Sender
 * checks read the decoded text, because {@code =?utf-8?q?ceo=40example.org?=} is shown as
 * {@code ceo@example.org}. A word whose charset Java does not know, or whose text is not valid
 * B or Q, stays as written here; {@link #hasUndecodable} lets sender checks refuse it, because
 * some clients decode it all the same.
 */
final class EncodedWords {
    private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]{1,80})\\?([BbQq])\\?([^?\\s]*)\\?=");
    private static final Pattern LINEAR_SPACE = Pattern.compile("[ \\t]*");

    private EncodedWords() {
    }

    /** The value with every decodable encoded word replaced by its text. */
    static String decode(String value) {
        if (!value.contains("=?")) {
            return value;
        }
        Matcher word = WORD.matcher(value);
        StringBuilder out = new StringBuilder(value.length());
        int last = 0;
        boolean afterWord = false;
        while (word.find()) {
            String between = value.substring(last, word.start());
            // RFC 2047 section 6.2: space between two adjacent encoded words is not displayed.
            if (!afterWord || !LINEAR_SPACE.matcher(between).matches()) {
                out.append(between);
            }
            out.append(decodeWord(word.group(1), word.group(2), word.group(3)).orElse(word.group()));
            last = word.end();
            afterWord = true;
        }
        return out.append(value, last, value.length()).toString();
    }

    /**
     * Whether the value holds an encoded word this class cannot decode (a charset Java lacks, such as
     * UTF-7, or broken B or Q text). Some clients still decode it, each in its own way, so what they
     * show cannot be known: sender checks refuse such a header instead of guessing.
     */
    static boolean hasUndecodable(String value) {
        if (!value.contains("=?")) {
            return false;
        }
        Matcher word = WORD.matcher(value);
        while (word.find()) {
            if (decodeWord(word.group(1), word.group(2), word.group(3)).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> decodeWord(String charsetName, String encoding, String text) {
        Optional<Charset> charset = charset(charsetName);
        if (charset.isEmpty()) {
            return Optional.empty();
        }
        Optional<byte[]> bytes = encoding.equalsIgnoreCase("B") ? base64(text) : quotedPrintable(text);
        return bytes.map(b -> new String(b, charset.get()));
    }

    private static Optional<Charset> charset(String name) {
        // RFC 2231 adds a language after '*': "utf-8*en".
        int star = name.indexOf('*');
        try {
            return Optional.of(Charset.forName(star < 0 ? name : name.substring(0, star)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<byte[]> base64(String text) {
        try {
            return Optional.of(Base64.getMimeDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<byte[]> quotedPrintable(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '=') {
                int value = i + 2 < text.length() ? hex(text.charAt(i + 1), text.charAt(i + 2)) : -1;
                if (value < 0) {
                    return Optional.empty();
                }
                bytes.write(value);
                i += 2;
            } else if (c > 0x7e) {
                return Optional.empty();
            } else {
                bytes.write(c == '_' ? ' ' : c);
            }
        }
        return Optional.of(bytes.toByteArray());
    }

    private static int hex(char high, char low) {
        int h = Character.digit(high, 16);
        int l = Character.digit(low, 16);
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }
}
