package org.tracewall.core.report;

import java.util.List;

/** One report mail, ready to send: the report's name, who gets it, its subject and its plain text. */
public final class DomainReport {
    private final String name;
    private final List<String> to;
    private final String subject;
    private final String text;

    public DomainReport(String name, List<String> to, String subject, String text) {
        this.name = name;
        this.to = List.copyOf(to);
        this.subject = subject;
        this.text = text;
    }

    public String name() {
        return name;
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
