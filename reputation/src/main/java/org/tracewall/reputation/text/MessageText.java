package org.tracewall.reputation.text;

import java.util.List;

/** What the classifier reads of a message: decoded headers, body text, link domains and the MIME structure. */
public final class MessageText {
    private final String subject;
    private final String from;
    private final String body;
    private final List<String> urlDomains;
    private final List<String> structure;
    private final List<String> received;

    /**
     * A text read earlier, from its parts (as a mail carries it from the SMTP DATA phase to the
     * mailet container, so that the message is not read twice).
     */
    public static MessageText of(String subject, String from, String body, List<String> urlDomains, List<String> structure,
                                 List<String> received) {
        return new MessageText(subject, from, body, urlDomains, structure, received);
    }

    MessageText(String subject, String from, String body, List<String> urlDomains, List<String> structure, List<String> received) {
        this.subject = subject;
        this.from = from;
        this.body = body;
        this.urlDomains = List.copyOf(urlDomains);
        this.structure = List.copyOf(structure);
        this.received = List.copyOf(received);
    }

    public String subject() {
        return subject;
    }

    public String from() {
        return from;
    }

    public String body() {
        return body;
    }

    /** Host names of the links in the text and HTML, lower case. */
    public List<String> urlDomains() {
        return urlDomains;
    }

    /** One entry per part: its type, attachment names' extensions, charset facts ("charset-lied"). */
    public List<String> structure() {
        return structure;
    }

    /** Host names seen in Received headers. */
    public List<String> received() {
        return received;
    }
}
