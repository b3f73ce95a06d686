package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.apache.james.jdkim.DKIMSigner;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.testing.dns.Fault;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.smtp.SmtpReply;
import org.tracewall.testing.smtp.SmtpTestClient;

/**
 * DKIM and DMARC over real SMTP into the gateway sample (DmarcHook), with keys and policies in a
 * loopback DNS zone and messages signed by jDKIM: a newsletter sent through an ESP whose own
 * MAIL FROM passes SPF is delivered when its From domain signed it (dkim=pass, dmarc=pass in
 * Authentication-Results, DKIM_VALID and DMARC_ALIGNED in X-Tracewall-Rules); the same From
 * unsigned, or signed and altered, is refused with 550 under p=reject; p=quarantine lands in the
 * quarantine; SPF alignment alone passes; a DMARC lookup that fails never refuses.
 */
class DmarcIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    static final KeyPair KEY = rsaKey();
    static final String QUARANTINE = "file://var/mail/quarantine/";

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS)
        .user("bob@tracewall.local", "pw")
        .user("carol@tracewall.local", "pw")
        .user("dave@tracewall.local", "pw")
        .user("erin@tracewall.local", "pw")
        .build();

    static KeyPair rsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void zones() {
        String publicKey = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(KEY.getPublic().getEncoded());
        DNS.zone().txt("esp.test", "v=spf1 ip4:127.0.95.0/24 -all")
            .a("out.esp.test", "127.0.95.5").ptr("127.0.95.5", "out.esp.test")
            .longTxt("s1._domainkey.bank.test", publicKey)
            .txt("_dmarc.bank.test", "v=DMARC1; p=reject")
            .txt("_dmarc.shop.test", "v=DMARC1; p=quarantine")
            .txt("_dmarc.esp.test", "v=DMARC1; p=reject")
            .fault("_dmarc.flaky.test", Fault.SERVFAIL);
    }

    @AfterAll
    static void stop() {
        DNS.close();
    }

    private static String message(String from, String to, String subject) {
        return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nDate: Thu, 03 Dec 2026 10:00:00 +0000\r\n"
            + "Message-ID: <" + subject.replace(' ', '-') + "@esp.test>\r\n\r\nYour statement is ready.\r\n";
    }

    private static String signed(String message) throws Exception {
        DKIMSigner signer = new DKIMSigner("v=1; a=rsa-sha256; c=relaxed/relaxed; d=bank.test; s=s1; h=from:to:subject:date:message-id;"
            + " bh=; b=;", KEY.getPrivate());
        return signer.sign(new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII))) + "\r\n" + message;
    }

    private static SmtpReply send(String to, String message) throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.95.5")) {
            smtp.ehlo("out.esp.test");
            return smtp.send("bounce@esp.test", List.of(to), message);
        }
    }

    @Test
    void aMessageSignedByItsFromDomainShouldPassDmarcAndSayWhy() throws Exception {
        SmtpReply reply = send("bob@tracewall.local", signed(message("statements@bank.test", "bob@tracewall.local", "statement")));
        assertThat(reply.code()).as(reply.toString()).isEqualTo(250);

        String headers = Gateway.deliveredHeaders(james, "bob@tracewall.local", "pw");

        assertThat(headers).containsPattern("dkim=pass \\(signature verified\\) header.d=bank.test header.s=s1 header.a=rsa-sha256")
            .containsPattern("dmarc=pass \\(p=reject dis=none; DKIM aligned with bank.test\\) header.from=bank.test");
        assertThat(headers).containsPattern("X-Tracewall-Rules:.*DKIM_VALID\\(-0.50\\)")
            .containsPattern("X-Tracewall-Rules:.*DMARC_ALIGNED\\(-1.00\\)");
    }

    @Test
    void theSameFromUnsignedShouldBeRefusedUnderPReject() throws Exception {
        SmtpReply reply = send("carol@tracewall.local", message("statements@bank.test", "carol@tracewall.local", "phish"));

        assertThat(reply.code()).isEqualTo(550);
        assertThat(reply.text()).isEqualTo("5.7.1 Rejected by the DMARC policy of bank.test (p=reject): neither DKIM nor SPF aligned");
    }

    @Test
    void aSignedMessageAlteredInTransitShouldBeRefusedToo() throws Exception {
        String altered = signed(message("statements@bank.test", "carol@tracewall.local", "altered"))
            .replace("Your statement is ready.", "Your statement is ready: log in at http://evil.example/");

        assertThat(send("carol@tracewall.local", altered).code()).isEqualTo(550);
    }

    @Test
    void pQuarantineShouldPutTheMessageInTheQuarantine() throws Exception {
        long before = james.repositoryCount(QUARANTINE);

        assertThat(send("dave@tracewall.local", message("offers@shop.test", "dave@tracewall.local", "offer")).code()).isEqualTo(250);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> james.repositoryCount(QUARANTINE) == before + 1);
    }

    @Test
    void anAlignedSpfPassShouldPassAlone() throws Exception {
        assertThat(send("erin@tracewall.local", message("news@esp.test", "erin@tracewall.local", "esp news")).code()).isEqualTo(250);

        assertThat(Gateway.deliveredHeaders(james, "erin@tracewall.local", "pw")).contains("dkim=none")
            .containsPattern("dmarc=pass \\(p=reject dis=none; SPF aligned with esp.test\\) header.from=esp.test");
    }

    @Test
    void aDmarcLookupThatFailsShouldNeverRefuse() throws Exception {
        assertThat(send("erin@tracewall.local", message("a@flaky.test", "erin@tracewall.local", "flaky")).code()).isEqualTo(250);
    }
}
