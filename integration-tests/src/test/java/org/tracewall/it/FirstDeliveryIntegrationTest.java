package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.smtp.SmtpReply;
import org.tracewall.testing.smtp.SmtpTestClient;

/** The gateway sample, unchanged but for test-safe listeners: a message to a local user is delivered and stamped. */
class FirstDeliveryIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();

    @RegisterExtension
    static TracewallJamesExtension james = TracewallJamesExtension.builder()
        .sample("gateway")
        .dns(DNS::hostAndPort)
        .user("bob@tracewall.local", "secret")
        .build();

    @AfterAll
    static void stopDns() {
        DNS.close();
    }

    @Test
    void messageToALocalUserShouldBeDeliveredWithTheTracewallStamp() throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort())) {
            assertThat(smtp.greeting().code()).isEqualTo(220);
            assertThat(smtp.ehlo("client.example.org").code()).isEqualTo(250);
            SmtpReply reply = smtp.send("alice@example.org", List.of("bob@tracewall.local"),
                "From: alice@example.org\r\nTo: bob@tracewall.local\r\nSubject: first\r\n\r\nHello Bob\r\n");
            assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
            smtp.quit();
        }

        try (TestIMAPClient imap = new TestIMAPClient()) {
            imap.connect("127.0.0.1", james.imapPort())
                .login("bob@tracewall.local", "secret")
                .select(TestIMAPClient.INBOX)
                .awaitMessage(Awaitility.await().atMost(Duration.ofSeconds(30)));
            String message = imap.readFirstMessage();
            assertThat(message).contains("Subject: first");
            assertThat(message).containsPattern("X-Tracewall-Stamp: tracewall/\\S+; node=\\S+");
        }
    }
}
