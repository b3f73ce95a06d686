package org.tracewall.core.quarantine;

import java.time.Instant;

/** One quarantined message as a reminder digest lists it, with the signed token that releases it. */
public final class DigestEntry {
    private final String from;
    private final String subject;
    private final Instant received;
    private final String token;

    public DigestEntry(String from, String subject, Instant received, String token) {
        this.from = from;
        this.subject = subject;
        this.received = received;
        this.token = token;
    }

    public String from() {
        return from;
    }

    public String subject() {
        return subject;
    }

    public Instant received() {
        return received;
    }

    public String token() {
        return token;
    }
}
