package org.tracewall.james.smtp;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.apache.james.core.MailAddress;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.tracewall.james.Tracewall;

/**
 * Who Tracewall's checks leave alone: authenticated users, James's authorized networks, and
 * clients or senders an access-db entry marks OK (sendmail's meaning: accept, skip the checks).
 * Per recipient, sendmail's {@code Spam:} entries (FEATURE(delay_checks, friend/hater)) change that
 * for the spam checks made at RCPT (DNS lists, greylisting): a FRIEND wants all its mail, so the
 * checks are skipped for it; a HATER wants them always, so an access-db OK does not exempt mail to it.
 */
final class SessionTrust {
    static final ProtocolSession.AttachmentKey<Boolean> ACCESS_OK =
        ProtocolSession.AttachmentKey.of(Tracewall.NAMESPACE + ".smtp.access.ok", Boolean.class);
    static final ProtocolSession.AttachmentKey<Recipients> SPAM_FRIENDS =
        ProtocolSession.AttachmentKey.of(Tracewall.NAMESPACE + ".smtp.access.friends", Recipients.class);
    static final ProtocolSession.AttachmentKey<Recipients> AUTO_WHITELISTED =
        ProtocolSession.AttachmentKey.of(Tracewall.NAMESPACE + ".smtp.awl", Recipients.class);
    static final ProtocolSession.AttachmentKey<Recipients> SPAM_HATERS =
        ProtocolSession.AttachmentKey.of(Tracewall.NAMESPACE + ".smtp.access.haters", Recipients.class);

    private SessionTrust() {
    }

    static boolean isTrusted(SMTPSession session) {
        return session.getUsername() != null || session.isRelayingAllowed() || isAccessOk(session);
    }

    /** Whether the RCPT-time spam checks leave mail to {@code rcpt} alone in this session. */
    static boolean skipsSpamChecks(SMTPSession session, MailAddress rcpt) {
        if (listed(session, SPAM_HATERS, rcpt)) {
            return session.getUsername() != null || session.isRelayingAllowed();
        }
        return isTrusted(session) || listed(session, SPAM_FRIENDS, rcpt);
    }

    /** Records a recipient of the transaction in one of the per-recipient marks (access-db FRIEND or HATER, auto-whitelisted). */
    static void markRecipient(SMTPSession session, ProtocolSession.AttachmentKey<Recipients> key, MailAddress rcpt) {
        Recipients known = session.getAttachment(key, ProtocolSession.State.Transaction).orElse(Recipients.NONE);
        session.setAttachment(key, known.with(rcpt), ProtocolSession.State.Transaction);
    }

    /** Whether the sender is one this recipient wrote to (AutoWhitelistHook marked it): greylisting leaves it alone. */
    static boolean isAutoWhitelisted(SMTPSession session, MailAddress rcpt) {
        return listed(session, AUTO_WHITELISTED, rcpt);
    }

    private static boolean listed(SMTPSession session, ProtocolSession.AttachmentKey<Recipients> key, MailAddress rcpt) {
        return session.getAttachment(key, ProtocolSession.State.Transaction).map(r -> r.contains(rcpt)).orElse(false);
    }

    /** Recipients of one transaction, by address in lower case. */
    static final class Recipients {
        static final Recipients NONE = new Recipients(Set.of());

        private final Set<String> addresses;

        private Recipients(Set<String> addresses) {
            this.addresses = Set.copyOf(addresses);
        }

        Recipients with(MailAddress rcpt) {
            Set<String> more = new HashSet<>(addresses);
            more.add(rcpt.asString().toLowerCase(Locale.ROOT));
            return new Recipients(more);
        }

        boolean contains(MailAddress rcpt) {
            return addresses.contains(rcpt.asString().toLowerCase(Locale.ROOT));
        }
    }

    /** An access-db OK for the client or the sender. */
    static boolean isAccessOk(SMTPSession session) {
        return session.getAttachment(ACCESS_OK, ProtocolSession.State.Connection).orElse(false)
            || session.getAttachment(ACCESS_OK, ProtocolSession.State.Transaction).orElse(false);
    }
}
