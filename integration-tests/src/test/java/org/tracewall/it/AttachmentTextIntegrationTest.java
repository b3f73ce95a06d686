package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.smtp.SmtpTestClient;
import org.tracewall.testing.tika.TikaServerProcess;

/**
 * Attachments' text through a real Tika text server in its own JVM ({@code attachments.tika.url}):
 * a Chinese invoice offer inside a Word document and pill spam inside a PDF (sent as
 * application/octet-stream) reach the content rules; with Tika stopped the same mail is delivered,
 * the rule simply not matched; a zip bomb dressed as a .docx gets a verdict and is delivered.
 */
// The Tika outage runs last: after it the client's breaker skips Tika for 10 s.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AttachmentTextIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    static final TikaServerProcess TIKA = startTika();

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS)
        .property("attachments.tika.url", TIKA.url())
        .property("attachments.tika.timeout", "20s")
        .property("score.rule.INVOICE_BODY.in", "body")
        .property("score.rule.INVOICE_BODY.pattern", "(代开|开具).{0,8}发票")
        .property("score.rule.INVOICE_BODY.weight", "3")
        .property("score.rule.PILLS.in", "body")
        .property("score.rule.PILLS.pattern", "(?i)cheap\\s+pills")
        .property("score.rule.PILLS.weight", "3")
        .user("carol@tracewall.local", "pw")
        .user("dave@tracewall.local", "pw")
        .user("erin@tracewall.local", "pw")
        .user("frank@tracewall.local", "pw")
        .build();

    static TikaServerProcess startTika() {
        try {
            return TikaServerProcess.startOnFreePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void zone() {
        DNS.zone().txt("sender.test", "v=spf1 ip4:127.0.98.0/24 -all")
            .a("out.sender.test", "127.0.98.5").ptr("127.0.98.5", "out.sender.test");
    }

    @AfterAll
    static void stop() {
        TIKA.close();
        DNS.close();
    }

    @Test
    void chineseTextInAWordDocumentShouldReachTheContentRules() throws Exception {
        String received = deliver("carol@tracewall.local", Documents.messageWithAttachment("news@sender.test", "quarterly",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "report.docx",
            Documents.docx("本公司长期代开各类发票，联系电话13800138000")));

        assertThat(received).containsPattern("X-Tracewall-Rules: .*INVOICE_BODY\\(3\\.00\\)");
    }

    @Test
    void textInAPdfSentAsOctetStreamShouldReachTheContentRules() throws Exception {
        String received = deliver("dave@tracewall.local", Documents.messageWithAttachment("news@sender.test", "your order",
            "application/octet-stream", "order.pdf", Documents.pdf("Buy cheap pills online today")));

        assertThat(received).containsPattern("X-Tracewall-Rules: .*PILLS\\(3\\.00\\)");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void withTikaDownTheMailShouldBeDeliveredWithoutTheAttachmentText() throws Exception {
        TIKA.stop();
        try {
            // Not the PDF of the other test: that one's text is cached.
            String received = deliver("erin@tracewall.local", Documents.messageWithAttachment("news@sender.test", "order 2",
                "application/pdf", "order.pdf", Documents.pdf("Cheap pills, second order")));

            assertThat(received).contains("X-Tracewall-Score:").doesNotContain("PILLS(");
        } finally {
            TIKA.start();
        }
    }

    @Test
    void aZipBombDressedAsADocumentShouldGetAVerdictAndBeDelivered() throws Exception {
        String received = deliver("frank@tracewall.local", Documents.messageWithAttachment("news@sender.test", "bomb",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "evil.docx", Documents.zipBomb(300)));

        assertThat(received).contains("X-Tracewall-Score:", "Subject: bomb");
    }

    private static String deliver(String to, String message) throws IOException {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.98.5")) {
            smtp.ehlo("out.sender.test");
            assertThat(smtp.send("news@sender.test", List.of(to), message).code()).isEqualTo(250);
        }
        try (TestIMAPClient imap = new TestIMAPClient()) {
            imap.connect("127.0.0.1", james.imapPort()).login(to, "pw").select(TestIMAPClient.INBOX)
                .awaitMessage(Awaitility.await().atMost(Duration.ofSeconds(60)));
            return imap.readFirstMessage().replaceAll("\\r\\n[ \\t]+", " ");
        }
    }
}
