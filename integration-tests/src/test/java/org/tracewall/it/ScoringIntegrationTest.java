package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import javax.mail.internet.MimeUtility;

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
 * The shipped gateway sample's scoring chain over real SMTP: content rules push a traced
 * sender's message (TRACE_TRACEABLE, -2) to tag, quarantine or reject (bodies base64, so the
 * body rule reads decoded text); the quarantined one is
 * released through James's WebAdmin and delivered; the sample's own Chinese keyword rule
 * (written as \\u escapes with a {0,8} quantifier, read through James's properties parser) tags.
 */
class ScoringIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    static final String QUARANTINE = "file://var/mail/quarantine/";

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS)
        .property("score.rule.TEST_TAG.in", "Subject")
        .property("score.rule.TEST_TAG.pattern", "tag-me")
        .property("score.rule.TEST_TAG.weight", "7")
        .property("score.rule.TEST_QUARANTINE.in", "body")
        .property("score.rule.TEST_QUARANTINE.pattern", "quarantine-me")
        .property("score.rule.TEST_QUARANTINE.weight", "12")
        .property("score.rule.TEST_REJECT.in", "Subject")
        .property("score.rule.TEST_REJECT.pattern", "reject-me")
        .property("score.rule.TEST_REJECT.weight", "21")
        .user("tagged@tracewall.local", "pw")
        .user("chinese@tracewall.local", "pw")
        .user("held@tracewall.local", "pw")
        .user("refused@tracewall.local", "pw")
        .user("watched@tracewall.local", "pw")
        .user("audit@tracewall.local", "pw")
        .user("colleague@tracewall.local", "pw")
        .build();

    @BeforeAll
    static void zones() {
        DNS.zone().txt("sender.test", "v=spf1 ip4:127.0.98.0/24 -all")
            .a("out.sender.test", "127.0.98.5").ptr("127.0.98.5", "out.sender.test");
    }

    @AfterAll
    static void stop() {
        DNS.close();
    }

    static SmtpReply send(String to, String subject, String body) throws IOException {
        String message = "From: news@sender.test\r\nTo: " + to + "\r\nSubject: " + subject
            + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) + "\r\n";
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.98.5")) {
            smtp.ehlo("out.sender.test");
            return smtp.send("news@sender.test", List.of(to), message);
        }
    }

    /** The one message a test's own recipient received. */
    private static String awaitInboxMessage(String user) throws IOException {
        try (TestIMAPClient imap = new TestIMAPClient()) {
            imap.connect("127.0.0.1", james.imapPort()).login(user, "pw").select(TestIMAPClient.INBOX)
                .awaitMessage(Awaitility.await().atMost(Duration.ofSeconds(30)));
            return imap.readFirstMessage();
        }
    }

    @Test
    void aMessageOverTheTagThresholdShouldBeDeliveredWithASpamPrefixAndTheScoreHeaders() throws Exception {
        assertThat(send("tagged@tracewall.local", "tag-me please", "hello").code()).isEqualTo(250);

        String inbox = awaitInboxMessage("tagged@tracewall.local");
        assertThat(inbox).contains("Subject: [SPAM] tag-me please")
            .contains("X-Tracewall-Score: 5.00; action=tag; group=default; direction=inbound; thresholds=5.00/10.00/15.00")
            .contains("X-Tracewall-Rules: TRACE_TRACEABLE(-2.00), TEST_TAG(7.00)")
            .contains("X-Spam-Flag: YES").contains("X-Spam-Score: 5.00")
            .contains("X-Spam-Status: Yes, score=5.00 required=5.00 tests=TRACE_TRACEABLE,TEST_TAG");
    }

    @Test
    void theSamplesChineseKeywordRuleShouldTagAnInvoiceSpam() throws Exception {
        // "长期代开各类发票" (long-term invoices issued on your behalf), RFC 2047 encoded.
        assertThat(send("chinese@tracewall.local", "=?UTF-8?B?6ZW/5pyf5Luj5byA5ZCE57G75Y+R56Wo?=", "联系电话 138").code()).isEqualTo(250);

        String inbox = awaitInboxMessage("chinese@tracewall.local");
        assertThat(inbox).contains("X-Tracewall-Rules: TRACE_TRACEABLE(-2.00), INVOICE_SPAM(7.00)")
;
        String subject = inbox.lines().filter(l -> l.startsWith("Subject: ")).findFirst().orElseThrow().substring(9);
        assertThat(MimeUtility.decodeText(subject)).isEqualTo("[SPAM] 长期代开各类发票");
    }

    @Test
    void aMessageOverTheQuarantineThresholdShouldBeHeldThenReleasedThroughWebAdminAndDelivered() throws Exception {
        long before = james.repositoryCount(QUARANTINE);
        assertThat(send("held@tracewall.local", "monthly report", "please quarantine-me now").code()).isEqualTo(250);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> james.repositoryCount(QUARANTINE) == before + 1);

        Gateway.releaseFirst(james, "var/mail/quarantine/");

        String inbox = awaitInboxMessage("held@tracewall.local");
        assertThat(inbox).contains("action=quarantine").contains("TEST_QUARANTINE(12.00)");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> james.repositoryCount(QUARANTINE) == before);
    }

    @Test
    void theSamplesAuditRuleShouldCopyAWatchedSendersMailAndDeliverTheOriginal() throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.98.9")) {
            smtp.ehlo("laptop.tracewall.local");
            assertThat(smtp.authPlain("watched@tracewall.local", "pw").code()).isEqualTo(235);
            assertThat(smtp.send("watched@tracewall.local", List.of("colleague@tracewall.local"),
                "From: watched@tracewall.local\r\nSubject: quarterly numbers\r\n\r\nsee attached\r\n").code()).isEqualTo(250);
        }

        assertThat(awaitInboxMessage("colleague@tracewall.local")).contains("Subject: quarterly numbers");
        assertThat(awaitInboxMessage("audit@tracewall.local")).contains("Subject: quarterly numbers");
    }

    @Test
    void aMessageOverTheRejectThresholdShouldBeRefusedAtTheEndOfData() throws Exception {
        SmtpReply reply = send("refused@tracewall.local", "reject-me", "hello");

        assertThat(reply.code()).isEqualTo(554);
        assertThat(reply.text()).isEqualTo("5.7.0 Message refused as spam (score 19.00, reject at 15.00: TEST_REJECT)");
    }
}
