package org.tracewall.james;

import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;

/**
 * The id of the SMTP session a mail came in, as a mail attribute ({@code SmtpSessionLog} sets it):
 * the container's log lines name it, so that they join the session's own lines.
 */
public final class SmtpSessionId {
    public static final AttributeName ATTRIBUTE = AttributeName.of(Tracewall.NAMESPACE + ".smtp.session");

    private SmtpSessionId() {
    }

    /** The id, or "-" for mail that did not come over SMTP through the log hook. */
    public static String of(Mail mail) {
        return TraceAttributes.string(mail, ATTRIBUTE).orElse("-");
    }
}
