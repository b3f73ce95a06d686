package org.tracewall.james;

import java.net.InetAddress;
import java.util.Optional;

import org.apache.mailet.Mail;
import org.tracewall.core.net.IpAddresses;
import org.tracewall.core.trace.TraceRequest;

/** Builds a {@link TraceRequest} from what James recorded on a {@link Mail} at SMTP time. */
public final class MailTraceRequests {
    private MailTraceRequests() {
    }

    /** Empty when the mail did not come over SMTP (no parsable remote address), e.g. sent by a mailet. */
    public static Optional<TraceRequest> of(Mail mail) {
        if (mail.getAttribute(Mail.SENT_BY_MAILET_ATTRIBUTE.getName()).isPresent()) {
            return Optional.empty();
        }
        InetAddress ip;
        try {
            ip = IpAddresses.parseLiteral(mail.getRemoteAddr());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String helo = TraceAttributes.string(mail, Mail.SMTP_HELO).orElse("");
        String authUser = TraceAttributes.string(mail, Mail.SMTP_AUTH_USER).orElse(null);
        String sender = mail.getMaybeSender().asOptional().map(Object::toString).orElse("");
        return Optional.of(new TraceRequest(ip, helo, sender, authUser));
    }

}
