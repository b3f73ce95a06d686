package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.smtp.SmtpReply;
import org.tracewall.testing.smtp.SmtpTestClient;

/**
 * A user's spam report teaches the reputation of where the mail came from, not only its words:
 * a tagged mail (which teaches nothing by itself: the filter was not sure) arrives with its signed
 * X-Tracewall-Origin; the user forwards it as an attachment to spam@; the next, clean, mail from
 * the same client is REPUTATION_BAD; reporting an altered copy of the same mail again teaches nothing more.
 */
class ReputationFeedbackIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS)
        .property("reputation.minWeight", "1")
        .property("score.rule.TAGME.in", "Subject").property("score.rule.TAGME.pattern", "zq-tag")
        .property("score.rule.TAGME.weight", "8")
        .user("bob@tracewall.local", "bobpw").user("carol@tracewall.local", "pw")
        .user("spam@tracewall.local", "x").user("ham@tracewall.local", "x")
        .build();

    @BeforeAll
    static void zones() {
        DNS.zone().txt("shop.test", "v=spf1 ip4:127.0.74.0/24 -all")
            .a("mx.shop.test", "127.0.74.5").ptr("127.0.74.5", "mx.shop.test");
    }

    @AfterAll
    static void stop() {
        DNS.close();
    }

    private static SmtpReply send(String to, String subject, String body) throws IOException {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.74.5")) {
            smtp.ehlo("mx.shop.test");
            return smtp.send("promo@shop.test", List.of(to), "From: promo@shop.test\r\nSubject: " + subject + "\r\n\r\n" + body + "\r\n");
        }
    }

    private static String firstMessage(String user, String password) throws IOException {
        try (TestIMAPClient imap = new TestIMAPClient()) {
            imap.connect("127.0.0.1", james.imapPort()).login(user, password).select(TestIMAPClient.INBOX)
                .awaitMessage(Awaitility.await().atMost(Duration.ofSeconds(30)));
            return imap.readFirstMessage();
        }
    }

    private static void reportAsSpam(String original, int reportsKept) throws IOException {
        String report = "From: bob@tracewall.local\r\nSubject: Fwd: spam\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
            + "--b1\r\nContent-Type: text/plain\r\n\r\nthis is spam\r\n"
            + "--b1\r\nContent-Type: message/rfc822\r\n\r\n" + original + "\r\n--b1--\r\n";
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.73.9")) {
            smtp.ehlo("laptop.tracewall.local");
            assertThat(smtp.authPlain("bob@tracewall.local", "bobpw").code()).isEqualTo(235);
            assertThat(smtp.send("bob@tracewall.local", List.of("spam@tracewall.local"), report).code()).isEqualTo(250);
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> james.repositoryCount(BayesIntegrationTest.FEEDBACK) == reportsKept);
    }

    @Test
    void aSpamReportShouldMakeTheOriginBad() throws Exception {
        assertThat(send("bob@tracewall.local", "zq-tag watches", "two gold watches for one").code()).isEqualTo(250);
        String tagged = firstMessage("bob@tracewall.local", "bobpw");
        assertThat(tagged).contains("Subject: [SPAM] zq-tag watches").contains("X-Tracewall-Origin: v2.");

        reportAsSpam(tagged, 1);
        // The same mail again, altered (Bayes counts it as new): one delivered mail is one opinion.
        reportAsSpam("X-Copy: again\r\n" + tagged, 2);

        assertThat(send("carol@tracewall.local", "the agenda", "the agenda for Monday").code()).isEqualTo(250);
        // One bad outcome: score 1/3, times the weight 4 (two would give 2.00).
        assertThat(Gateway.rules(james, "carol@tracewall.local", "pw")).contains("REPUTATION_BAD(1.33)");
    }
}
