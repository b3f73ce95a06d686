package org.tracewall.james.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.protocols.api.ProtocolSession;
import org.junit.jupiter.api.Test;

/** Who the RCPT-time spam checks leave alone, per recipient (access db Spam: FRIEND / HATER). */
class SessionTrustTest {
    private static final MailAddress FRIEND = address("friend@tracewall.local");
    private static final MailAddress HATER = address("hater@tracewall.local");
    private static final MailAddress OTHER = address("bob@tracewall.local");

    private static MailAddress address(String address) {
        try {
            return new MailAddress(address);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static FakeSession session() {
        FakeSession session = new FakeSession("192.0.2.7");
        SessionTrust.markRecipient(session, SessionTrust.SPAM_FRIENDS, FRIEND);
        SessionTrust.markRecipient(session, SessionTrust.SPAM_HATERS, HATER);
        return session;
    }

    @Test
    void aStrangerShouldBeCheckedExceptForMailToAFriend() {
        FakeSession session = session();

        assertThat(SessionTrust.skipsSpamChecks(session, address("FRIEND@tracewall.local"))).isTrue();
        assertThat(SessionTrust.skipsSpamChecks(session, OTHER)).isFalse();
        assertThat(SessionTrust.skipsSpamChecks(session, HATER)).isFalse();
    }

    @Test
    void anAccessDbOkShouldNotExemptMailToAHater() {
        FakeSession session = session();
        session.setAttachment(SessionTrust.ACCESS_OK, true, ProtocolSession.State.Connection);

        assertThat(SessionTrust.skipsSpamChecks(session, OTHER)).isTrue();
        assertThat(SessionTrust.skipsSpamChecks(session, HATER)).isFalse();
    }

    @Test
    void anAuthenticatedUserShouldNotBeCheckedEvenForAHater() {
        FakeSession session = session();
        session.setUsername(Username.of("bob@tracewall.local"));

        assertThat(SessionTrust.skipsSpamChecks(session, HATER)).isTrue();
    }

    @Test
    void theMarksShouldEndWithTheTransaction() {
        FakeSession session = session();
        session.endTransaction();

        assertThat(SessionTrust.skipsSpamChecks(session, FRIEND)).isFalse();
    }
}
