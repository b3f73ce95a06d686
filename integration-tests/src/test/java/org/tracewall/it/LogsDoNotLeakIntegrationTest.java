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
import org.tracewall.testing.smtp.SmtpTestClient;


/**
 * Logs do not leak mail (issue 9): every log event of the server at INFO is captured while a
 * message passes the whole gateway chain and a body rule scores it; none carries its subject or
 * body, while the decision line (rule name, score) is there.
 */
class LogsDoNotLeakIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    static final String SUBJECT_MARKER = "SUBJECTMARKER4711";
    static final String BODY_MARKER = "BODYMARKER0815";

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS)
        .property("score.rule.MARKER.in", "body")
        .property("score.rule.MARKER.pattern", BODY_MARKER)
        .property("score.rule.MARKER.weight", "1")
        .user("bob@tracewall.local", "pw")
        .build();

    @AfterAll
    static void stop() {
        DNS.close();
    }

    @Test
    void noLogEventShouldCarryTheSubjectOrTheBody() throws Exception {
        DNS.zone().txt("sender.test", "v=spf1 ip4:127.0.87.0/24 -all")
            .a("out.sender.test", "127.0.87.5").ptr("127.0.87.5", "out.sender.test");
        List<String> lines;
        try (CapturedLogs logs = new CapturedLogs()) {
            try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.87.5")) {
                smtp.ehlo("out.sender.test");
                assertThat(smtp.send("news@sender.test", List.of("bob@tracewall.local"), "From: news@sender.test\r\nSubject: "
                    + SUBJECT_MARKER + "\r\n\r\nThe secret is " + BODY_MARKER + ".\r\n").code()).isEqualTo(250);
            }
            try (TestIMAPClient imap = new TestIMAPClient()) {
                imap.connect("127.0.0.1", james.imapPort()).login("bob@tracewall.local", "pw").select(TestIMAPClient.INBOX)
                    .awaitMessage(Awaitility.await().atMost(Duration.ofSeconds(30)));
                assertThat(imap.readFirstMessage()).contains("MARKER(1.00)");
            }
            lines = logs.lines();
        }

        assertThat(lines).anyMatch(line -> line.contains("tracewall-decision") && line.contains("MARKER(1.00)[body]"));
        assertThat(lines).noneMatch(line -> line.contains(SUBJECT_MARKER) || line.contains(BODY_MARKER));
    }
}
