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
 * Outgoing mail is scored on the submission port too, with the shipped security (implicit TLS,
 * AUTH): a user's message whose content reaches score.reject is refused at DATA for internal
 * recipients (default thresholds), while to the outside the outbound policy group's thresholds
 * apply (the sample's: no reject, quarantine at 8).
 */
class SubmissionScoringIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    private static final String WORM = "From: bob@tracewall.local\r\nSubject: invoice\r\n\r\nzq-worm-payload attached\r\n";

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS)
        .shippedSecurity()
        .property("score.rule.WORM.in", "body").property("score.rule.WORM.pattern", "zq-worm-payload")
        .property("score.rule.WORM.weight", "20")
        .user("bob@tracewall.local", "bobpw")
        .user("carol@tracewall.local", "carolpw")
        .build();

    @AfterAll
    static void stop() {
        DNS.close();
    }

    private static SmtpReply submit(String to, String message) throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connectTls(james.smtpPorts().get(1), "127.0.85.5")) {
            smtp.ehlo("laptop.example");
            assertThat(smtp.authPlain("bob@tracewall.local", "bobpw").code()).isEqualTo(235);
            return smtp.send("bob@tracewall.local", List.of(to), message);
        }
    }

    @Test
    void aUsersMessageReachingTheRejectScoreShouldBeRefusedAtData() throws Exception {
        SmtpReply reply = submit("carol@tracewall.local", WORM);

        assertThat(reply.code()).as(reply.toString()).isEqualTo(554);
        assertThat(reply.text()).contains("WORM");
    }

    @Test
    void theSameMessageToTheOutsideShouldFollowTheOutboundGroup() throws Exception {
        assertThat(submit("partner@remote.example", WORM).code()).isEqualTo(250);
        assertThat(submit("carol@tracewall.local", "From: bob@tracewall.local\r\nSubject: lunch\r\n\r\nnoon?\r\n").code())
            .isEqualTo(250);
    }
}
