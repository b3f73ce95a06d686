package org.tracewall.james.smtp;

import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.mailet.Mail;
import org.tracewall.james.MessageBytes;
import org.tracewall.james.Tracewall;

/**
 * The message of the current SMTP transaction as bytes, serialised once at the end of DATA and
 * shared by the hooks that need bytes (the virus scan sends them to clamd, the score reads its
 * text from them), kept in the session's transaction state so that the next transaction starts
 * afresh. Bounded by {@link MessageBytes#LIMIT}.
 */
final class TransactionBytes {
    private static final ProtocolSession.AttachmentKey<byte[]> BYTES =
        ProtocolSession.AttachmentKey.of(Tracewall.NAMESPACE + ".smtp.messageBytes", byte[].class);

    private TransactionBytes() {
    }

    /** The bytes, serialised now if no hook of this transaction did yet; empty when the message cannot be read. */
    static byte[] of(SMTPSession session, Mail mail) {
        Optional<byte[]> kept = session.getAttachment(BYTES, ProtocolSession.State.Transaction);
        if (kept.isPresent()) {
            return kept.get();
        }
        byte[] bytes;
        try {
            bytes = MessageBytes.of(mail.getMessage());
        } catch (MessagingException e) {
            bytes = new byte[0];
        }
        session.setAttachment(BYTES, bytes, ProtocolSession.State.Transaction);
        return bytes;
    }
}
