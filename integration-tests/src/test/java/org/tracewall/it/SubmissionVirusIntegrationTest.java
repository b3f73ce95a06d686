package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.testing.clamav.ClamdProcess;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.imap.StartTlsImap;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.smtp.SmtpReply;
import org.tracewall.testing.smtp.SmtpTestClient;

/**
 * Outgoing mail is scanned on the submission port (the sample's ClamAvHook there, enabled, with
 * the shipped security: implicit TLS and AUTH) by a real clamd: a worm on a user's machine that
 * mails itself out is refused in the session, naming the signature, to local and remote
 * recipients alike; the same user's clean mail goes through.
 */
class SubmissionVirusIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    static final ClamdProcess CLAMD = ClamdProcess.startOrFail("10M");

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS)
        .shippedSecurity()
        .confFile("smtpserver.xml", Gateway.smtpServerWithClamAv(CLAMD.port(), "10s"))
        .user("bob@tracewall.local", "bobpw")
        .user("carol@tracewall.local", "carolpw")
        .build();

    @AfterAll
    static void stop() {
        DNS.close();
        CLAMD.stop();
    }

    private static SmtpReply submit(String to, String subject, String attachment) throws IOException {
        String encoded = Base64.getMimeEncoder().encodeToString(attachment.getBytes(StandardCharsets.ISO_8859_1));
        String message = "From: bob@tracewall.local\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=b1\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n"
            + "--b1\r\nContent-Type: application/octet-stream; name=invoice.com\r\nContent-Transfer-Encoding: base64\r\n"
            + "Content-Disposition: attachment; filename=invoice.com\r\n\r\n" + encoded + "\r\n--b1--\r\n";
        try (SmtpTestClient smtp = SmtpTestClient.connectTls(james.smtpPorts().get(1), "127.0.86.5")) {
            smtp.ehlo("laptop.example");
            assertThat(smtp.authPlain("bob@tracewall.local", "bobpw").code()).isEqualTo(235);
            return smtp.send("bob@tracewall.local", List.of(to), message);
        }
    }

    @Test
    void aWormMailingItselfOutShouldBeRefusedNamingTheSignature() throws Exception {
        for (String to : List.of("carol@tracewall.local", "partner@remote.example")) {
            SmtpReply reply = submit(to, "your invoice", ClamdProcess.EICAR);

            assertThat(reply.code()).as("%s: %s", to, reply).isEqualTo(554);
            assertThat(reply.text()).contains("virus found", "EICAR");
        }
    }

    @Test
    void theUsersCleanMailShouldBeDelivered() throws Exception {
        assertThat(submit("carol@tracewall.local", "clean report", "quarterly figures, nothing else").code()).isEqualTo(250);

        // The shipped IMAP takes LOGIN only after STARTTLS.
        assertThat(StartTlsImap.awaitMessage(james.imapPort(), "carol@tracewall.local", "carolpw", "clean report", Duration.ofSeconds(30)))
            .contains("Subject: clean report").doesNotContain("Subject: your invoice");
    }
}
