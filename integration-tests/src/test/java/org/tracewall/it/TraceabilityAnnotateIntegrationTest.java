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

/** The annotate-only sample: nothing is refused, untraceable and forged mail is delivered tagged. */
class TraceabilityAnnotateIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();

    @RegisterExtension
    static TracewallJamesExtension james = TracewallJamesExtension.builder()
        .sample("annotate")
        .dns(DNS::hostAndPort)
        .user("dave@tracewall.local", "davepw")
        .user("erin@tracewall.local", "erinpw")
        .build();

    @AfterAll
    static void stopDns() {
        DNS.close();
    }

    private static String deliveredTo(String user, String password) {
        try (TestIMAPClient imap = new TestIMAPClient()) {
            imap.connect("127.0.0.1", james.imapPort()).login(user, password)
                .select(TestIMAPClient.INBOX).awaitMessage(Awaitility.await().atMost(Duration.ofSeconds(30)));
            return imap.readFirstMessage();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void untraceableMailShouldBeDeliveredTaggedWithAFailResult() throws Exception {
        DNS.zone().mx("mx.test", 10, "mx1.mx.test").a("mx1.mx.test", "127.0.30.10");
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.40.5")) {
            smtp.ehlo("relay.elsewhere.test");
            SmtpReply reply = smtp.send("alice@mx.test", List.of("dave@tracewall.local"),
                "From: alice@mx.test\r\nSubject: far away\r\n\r\nhi\r\n");
            assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
        }

        String message = deliveredTo("dave@tracewall.local", "davepw");
        assertThat(message).contains("Subject: [untraceable] far away");
        assertThat(message).containsPattern("x-traceability=fail \\(127.0.40.5 is not an MX or A/AAAA address of mx.test");
        assertThat(message).contains("X-Tracewall-Trace: result=untraceable; reason=no-evidence; domain=mx.test");
    }

    @Test
    void anUnauthenticatedLocalSenderShouldBeDeliveredTaggedAsForged() throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.60.9")) {
            smtp.ehlo("laptop.example");
            SmtpReply reply = smtp.send("dave@tracewall.local", List.of("erin@tracewall.local"),
                "From: dave@tracewall.local\r\nSubject: from a laptop\r\n\r\nhi\r\n");
            assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
        }

        assertThat(deliveredTo("erin@tracewall.local", "erinpw")).contains("[forged sender]").contains("from a laptop");
    }
}
