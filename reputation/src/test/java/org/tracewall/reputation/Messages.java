package org.tracewall.reputation;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** Raw test messages: a text/plain body encoded in a given charset, labelled as told (or not at all). */
public final class Messages {
    private Messages() {
    }

    public static byte[] plain(String subject, String body, Charset encoding, String label) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String headers = "From: sender@example.com\r\nTo: user@example.org\r\nSubject: " + subject + "\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain" + (label == null ? "" : "; charset=" + label) + "\r\nContent-Transfer-Encoding: 8bit\r\n\r\n";
        out.writeBytes(headers.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body.getBytes(encoding));
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
