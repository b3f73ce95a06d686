package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.smtp.SmtpReply;
import org.tracewall.testing.smtp.SmtpTestClient;

/**
 * A local account that suddenly sends in bulk (a stolen password, a worm) on the submission port,
 * with the shipped security (implicit TLS, AUTH): told to wait (4xx), never silently dropped, and
 * what it sent before the limit is accepted. The limits are the user's own (rate.user*).
 */
class SubmissionRateLimitIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS)
        .shippedSecurity()
        .property("rate.userRecipientsPer15m", "3")
        .property("rate.userMessagesPer15m", "2")
        .user("bob@tracewall.local", "bobpw")
        .user("carol@tracewall.local", "carolpw")
        .build();

    @AfterAll
    static void stop() {
        DNS.close();
    }

    private static SmtpTestClient submission(String user, String password) throws Exception {
        SmtpTestClient smtp = SmtpTestClient.connectTls(james.smtpPorts().get(1), "127.0.87.5");
        smtp.ehlo("laptop.example");
        assertThat(smtp.authPlain(user, password).code()).isEqualTo(235);
        return smtp;
    }

    @Test
    void anAccountWritingToManyShouldBeToldToWaitAtRcpt() throws Exception {
        try (SmtpTestClient smtp = submission("bob@tracewall.local", "bobpw")) {
            assertThat(smtp.mailFrom("bob@tracewall.local").code()).isEqualTo(250);
            for (int i = 1; i <= 3; i++) {
                assertThat(smtp.rcptTo("friend" + i + "@remote.example").code()).isEqualTo(250);
            }

            SmtpReply fourth = smtp.rcptTo("friend4@remote.example");

            assertThat(fourth.code()).as(fourth.toString()).isEqualTo(452);
            assertThat(fourth.text()).contains("Too many recipients from user bob@tracewall.local (3 per 15 minutes)");
        }
    }

    @Test
    void anAccountSendingMessageAfterMessageShouldBeToldToWaitAtMail() throws Exception {
        try (SmtpTestClient smtp = submission("carol@tracewall.local", "carolpw")) {
            for (int i = 0; i < 2; i++) {
                SmtpReply sent = smtp.send("carol@tracewall.local", List.of("partner@remote.example"),
                    "From: carol@tracewall.local\r\nSubject: note " + i + "\r\n\r\nhi\r\n");
                assertThat(sent.code()).as(sent.toString()).isEqualTo(250);
            }

            SmtpReply third = smtp.mailFrom("carol@tracewall.local");

            assertThat(third.code()).as(third.toString()).isEqualTo(451);
            assertThat(third.text()).contains("Too many messages from user carol@tracewall.local (2 per 15 minutes)");
        }
    }
}
