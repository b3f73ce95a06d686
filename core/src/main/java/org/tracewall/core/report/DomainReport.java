package org.tracewall.core.report;

import java.util.List;

/** One report mail, ready to send: who gets it, its subject and its plain text. */
public final class DomainReport {
    private final List<String> to;
    private final String subject;
    private final String text;

    public DomainReport(List<String> to, String subject, String text) {
        this.to = List.copyOf(to);
        this.subject = subject;
        this.text = text;
    }

    public List<String> to() {
        return to;
    }

    public String subject() {
        return subject;
    }

    public String text() {
        return text;
    }
}
