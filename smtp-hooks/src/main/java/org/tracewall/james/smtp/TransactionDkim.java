package org.tracewall.james.smtp;

import java.util.List;
import java.util.Optional;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.mailet.Mail;
import org.tracewall.core.dkim.DkimResult;
import org.tracewall.core.dkim.DkimVerifier;
import org.tracewall.core.dkim.RawMessage;
import org.tracewall.james.Tracewall;

/**
 * The DKIM results of the current transaction's message, verified once at the end of DATA and
 * shared by the hooks that use them (traceability by signature, DMARC), kept in the session's
 * transaction state so that the next transaction starts afresh.
 */
final class TransactionDkim {
    @SuppressWarnings("unchecked")
    private static final ProtocolSession.AttachmentKey<List<DkimResult>> RESULTS = ProtocolSession.AttachmentKey.of(
        Tracewall.NAMESPACE + ".smtp.dkim", (Class<List<DkimResult>>) (Class<?>) List.class);
    private static final ProtocolSession.AttachmentKey<RawMessage> MESSAGE =
        ProtocolSession.AttachmentKey.of(Tracewall.NAMESPACE + ".smtp.rawMessage", RawMessage.class);

    private TransactionDkim() {
    }

    static List<DkimResult> of(SMTPSession session, Mail mail, DkimVerifier verifier) {
        Optional<List<DkimResult>> kept = session.getAttachment(RESULTS, ProtocolSession.State.Transaction);
        if (kept.isPresent()) {
            return kept.get();
        }
        List<DkimResult> results = List.copyOf(verifier.verify(message(session, mail)));
        session.setAttachment(RESULTS, results, ProtocolSession.State.Transaction);
        return results;
    }

    /** The message's header fields as received, parsed once per transaction. */
    static RawMessage message(SMTPSession session, Mail mail) {
        Optional<RawMessage> kept = session.getAttachment(MESSAGE, ProtocolSession.State.Transaction);
        if (kept.isPresent()) {
            return kept.get();
        }
        RawMessage message = RawMessage.parse(TransactionBytes.of(session, mail));
        session.setAttachment(MESSAGE, message, ProtocolSession.State.Transaction);
        return message;
    }
}
