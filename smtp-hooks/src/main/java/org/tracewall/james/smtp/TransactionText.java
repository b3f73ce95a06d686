package org.tracewall.james.smtp;

import java.util.Optional;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.mailet.Mail;
import org.tracewall.james.MailText;
import org.tracewall.james.Tracewall;
import org.tracewall.reputation.text.AttachmentReader;
import org.tracewall.reputation.text.MessageText;

/**
 * The text of the current SMTP transaction's message for the hooks at the end of DATA: read once
 * ({@link MailText}, which also carries it to the mailet container), then kept as it is in the
 * session's transaction state. Decoding the carried attribute again in each of the five hooks
 * that read the text showed in the load profile. Kept with the body size it was read at, so a hook
 * that changed the body makes the next one read it again, as {@link MailText} does.
 */
final class TransactionText {
    private static final ProtocolSession.AttachmentKey<Kept> TEXT =
        ProtocolSession.AttachmentKey.of(Tracewall.NAMESPACE + ".smtp.messageText", Kept.class);

    private TransactionText() {
    }

    static MessageText of(SMTPSession session, Mail mail, AttachmentReader attachments) {
        long bodySize = MailText.bodySize(mail);
        Optional<Kept> kept = session.getAttachment(TEXT, ProtocolSession.State.Transaction).filter(k -> k.bodySize == bodySize);
        if (kept.isPresent()) {
            return kept.get().text;
        }
        MessageText text = MailText.of(mail, () -> TransactionBytes.of(session, mail), attachments);
        if (bodySize >= 0) {
            // A body of unknown size (-1) could change unseen: MailText does not carry its text either.
            session.setAttachment(TEXT, new Kept(bodySize, text), ProtocolSession.State.Transaction);
        }
        return text;
    }

    /** A text and the body size it was read at. */
    private static final class Kept {
        final long bodySize;
        final MessageText text;

        Kept(long bodySize, MessageText text) {
            this.bodySize = bodySize;
            this.text = text;
        }
    }
}
