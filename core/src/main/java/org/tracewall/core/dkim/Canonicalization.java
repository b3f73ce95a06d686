package org.tracewall.core.dkim;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * RFC 6376 section 3.4: the "simple" and "relaxed" forms of header fields and bodies, the exact
 * bytes a signature covers. Header text is handled as ISO-8859-1 chars, one per byte.
 */
public enum Canonicalization {
    SIMPLE, RELAXED;

    public static Canonicalization parse(String word) {
        switch (word.toLowerCase(Locale.ROOT)) {
            case "simple":
                return SIMPLE;
            case "relaxed":
                return RELAXED;
            default:
                throw new IllegalArgumentException("unknown canonicalization " + word);
        }
    }

    /** A whole field ("Name: value\r\n" as received) in this form, with its CRLF. */
    public String header(String raw) {
        if (this == SIMPLE) {
            return raw;
        }
        int colon = raw.indexOf(':');
        String name = raw.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = raw.substring(colon + 1).replace("\r\n", "").replace("\n", "");
        return name + ":" + value.replaceAll("[ \t]+", " ").trim() + "\r\n";
    }

    /** The body from {@code start} in this form. */
    public byte[] body(byte[] message, int start) {
        return this == SIMPLE ? simpleBody(message, start) : relaxedBody(message, start);
    }

    /** Trailing empty lines dropped, and exactly one CRLF at the end (an empty body is one CRLF). */
    private static byte[] simpleBody(byte[] message, int start) {
        int end = message.length;
        while (end - start >= 2 && message[end - 2] == '\r' && message[end - 1] == '\n') {
            end -= 2;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(end - start + 2);
        body.write(message, start, end - start);
        body.write('\r');
        body.write('\n');
        return body.toByteArray();
    }

    /** Runs of white space made one space, white space at line ends and empty lines at the end dropped. */
    private static byte[] relaxedBody(byte[] message, int start) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(message.length - start);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int pendingEmptyLines = 0;
        int i = start;
        while (i < message.length) {
            int end = i;
            while (end < message.length && message[end] != '\n') {
                end++;
            }
            boolean terminated = end < message.length;
            int contentEnd = terminated && end > i && message[end - 1] == '\r' ? end - 1 : end;
            line.reset();
            relaxLine(message, i, contentEnd, line);
            if (line.size() == 0 && terminated) {
                pendingEmptyLines++;
            } else {
                for (; pendingEmptyLines > 0; pendingEmptyLines--) {
                    body.write('\r');
                    body.write('\n');
                }
                body.write(line.toByteArray(), 0, line.size());
                body.write('\r');
                body.write('\n');
            }
            i = terminated ? end + 1 : end;
        }
        return body.toByteArray();
    }

    private static void relaxLine(byte[] message, int from, int to, ByteArrayOutputStream line) {
        boolean space = false;
        for (int i = from; i < to; i++) {
            byte b = message[i];
            if (b == ' ' || b == '\t') {
                space = true;
            } else {
                if (space) {
                    line.write(' ');
                    space = false;
                }
                line.write(b);
            }
        }
    }
}
