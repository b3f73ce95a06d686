package org.tracewall.james.smtp;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.tracewall.james.Tracewall;

/**
 * Who Tracewall's checks leave alone: authenticated users, James's authorized networks, and
 * clients or senders an access-db entry marks OK (sendmail's meaning: accept, skip the checks).
 */
final class SessionTrust {
    static final ProtocolSession.AttachmentKey<Boolean> ACCESS_OK =
        ProtocolSession.AttachmentKey.of(Tracewall.NAMESPACE + ".smtp.access.ok", Boolean.class);

    private SessionTrust() {
    }

    static boolean isTrusted(SMTPSession session) {
        return session.getUsername() != null || session.isRelayingAllowed() || isAccessOk(session);
    }

    /** An access-db OK for the client or the sender. */
    static boolean isAccessOk(SMTPSession session) {
        return session.getAttachment(ACCESS_OK, ProtocolSession.State.Connection).orElse(false)
            || session.getAttachment(ACCESS_OK, ProtocolSession.State.Transaction).orElse(false);
    }
}
