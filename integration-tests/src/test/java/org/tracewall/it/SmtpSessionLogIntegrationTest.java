package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.smtp.SmtpTestClient;

/**
 * The log lines of one SMTP session join up (SmtpSessionLog, the gateway sample): a refused MAIL
 * FROM is logged with the session id and the hook that refused it, and the mail the same session
 * then sends has that id in the container's decision line.
 */
class SmtpSessionLogIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    static final Pattern REFUSAL = Pattern.compile("tracewall-refusal session=(\\S+) ip=127\\.0\\.86\\.5 hook=TraceabilityHook reply=550 ");
    static final Pattern DECISION = Pattern.compile("tracewall-decision phase=container session=(\\S+) ");

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS).user("bob@tracewall.local", "pw").build();

    @AfterAll
    static void stop() {
        DNS.close();
    }

    @Test
    void aRefusalAndTheContainersDecisionShouldNameTheSameSession() throws Exception {
        DNS.zone().txt("sender.test", "v=spf1 ip4:127.0.86.0/24 -all").txt("forged.test", "v=spf1 ip4:192.0.2.1 -all")
            .a("out.sender.test", "127.0.86.5").ptr("127.0.86.5", "out.sender.test");
        List<String> lines;
        try (CapturedLogs logs = new CapturedLogs()) {
            try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.86.5")) {
                smtp.ehlo("out.sender.test");
                assertThat(smtp.mailFrom("ceo@forged.test").code()).isEqualTo(550);
                smtp.command("RSET");
                assertThat(smtp.send("news@sender.test", List.of("bob@tracewall.local"), "From: news@sender.test\r\nSubject: news\r\n\r\n"
                    + "The news of the week.\r\n").code()).isEqualTo(250);
            }
            try (TestIMAPClient imap = new TestIMAPClient()) {
                imap.connect("127.0.0.1", james.imapPort()).login("bob@tracewall.local", "pw").select(TestIMAPClient.INBOX)
                    .awaitMessage(Awaitility.await().atMost(Duration.ofSeconds(30)));
            }
            lines = logs.lines();
        }

        String refused = sessionOf(lines, REFUSAL);
        assertThat(refused).as("refusal line in " + lines).isNotNull();
        assertThat(sessionOf(lines, DECISION)).as("the decision of the mail the session then sent").isEqualTo(refused);
    }

    private static String sessionOf(List<String> lines, Pattern pattern) {
        for (String line : lines) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }
}
