package org.tracewall.testing.smtp;

import java.util.List;

/** One (possibly multi-line) SMTP reply: the code and the text lines without the code. */
public final class SmtpReply {
    private final int code;
    private final List<String> lines;

    SmtpReply(int code, List<String> lines) {
        this.code = code;
        this.lines = List.copyOf(lines);
    }

    public int code() {
        return code;
    }

    public List<String> lines() {
        return lines;
    }

    /** All text lines joined with a space. */
    public String text() {
        return String.join(" ", lines);
    }

    public boolean isPositive() {
        return code >= 200 && code < 400;
    }

    public boolean isTransientFailure() {
        return code >= 400 && code < 500;
    }

    public boolean isPermanentFailure() {
        return code >= 500;
    }

    @Override
    public String toString() {
        return code + " " + text();
    }
}
