package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.testing.clamav.ClamdProcess;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.smtp.SmtpReply;
import org.tracewall.testing.smtp.SmtpTestClient;

/**
 * The gateway sample plus ClamAvHook, scanning with a real clamd that knows only the EICAR test
 * signature: an infected message is quarantined, then released through James's WebAdmin and
 * delivered; a clamd that is down makes senders retry (451), never lets mail through unscanned.
 */
class ClamAvIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    static final ClamdProcess CLAMD = ClamdProcess.startOrFail("10M");
    static final String QUARANTINE = "file://var/mail/quarantine/";

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS)
        .confFile("smtpserver.xml", Gateway.smtpServerWithClamAv(CLAMD.port(), "10s"))
        .user("bob@tracewall.local", "bobpw")
        .build();

    @AfterAll
    static void stop() {
        DNS.close();
        CLAMD.stop();
    }

    private static SmtpReply send(String clientIp, String subject, String attachment) throws IOException {
        DNS.zone().txt("sender.test", "v=spf1 ip4:127.0.97.0/24 -all");
        // The signature is a hash of the whole 68-byte file: send it as an attachment, which clamd
        // extracts from the MIME structure and hashes on its own.
        String encoded = Base64.getMimeEncoder().encodeToString(attachment.getBytes(StandardCharsets.ISO_8859_1));
        String message = "From: news@sender.test\r\nSubject: " + subject + "\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=b1\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n"
            + "--b1\r\nContent-Type: application/octet-stream; name=file.com\r\nContent-Transfer-Encoding: base64\r\n"
            + "Content-Disposition: attachment; filename=file.com\r\n\r\n" + encoded + "\r\n--b1--\r\n";
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), clientIp)) {
            smtp.ehlo("out.sender.test");
            return smtp.send("news@sender.test", List.of("bob@tracewall.local"), message);
        }
    }

    @Test
    void anInfectedMessageShouldBeQuarantinedThenReleasedThroughWebAdminAndDelivered() throws Exception {
        assertThat(send("127.0.97.5", "infected", ClamdProcess.EICAR).code()).isEqualTo(250);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> james.repositoryCount(QUARANTINE) == 1);

        Gateway.releaseFirst(james, "var/mail/quarantine/");

        try (TestIMAPClient imap = new TestIMAPClient()) {
            imap.connect("127.0.0.1", james.imapPort()).login("bob@tracewall.local", "bobpw").select(TestIMAPClient.INBOX)
                .awaitMessage(Awaitility.await().atMost(Duration.ofSeconds(30)));
            assertThat(imap.readFirstMessage()).contains("Subject: infected");
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> james.repositoryCount(QUARANTINE) == 0);
    }

    @Test
    void aCleanMessageShouldBeAccepted() throws Exception {
        assertThat(send("127.0.97.6", "clean", "Nothing to see.").code()).isEqualTo(250);
    }

    @Test
    void aScannerThatIsDownShouldMakeTheSenderRetry() throws Exception {
        CLAMD.stop();
        try {
            SmtpReply reply = send("127.0.97.7", "unscanned", "hello");
            assertThat(reply.code()).isEqualTo(451);
            assertThat(reply.text()).isEqualTo("4.3.0 Virus scanner unavailable; please try again later");
        } finally {
            CLAMD.start();
        }
        assertThat(send("127.0.97.7", "scanned", "hello").code()).isEqualTo(250);
    }
}
