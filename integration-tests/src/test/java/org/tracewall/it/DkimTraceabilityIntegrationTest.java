package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;

import org.apache.james.jdkim.DKIMSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.smtp.SmtpReply;
import org.tracewall.testing.smtp.SmtpTestClient;

/**
 * DKIM as traceability's evidence ({@code <dkim>true</dkim>} on TraceabilityHook): a sender whose
 * IP neither SPF nor the MX/A neighbourhood traces is judged at the end of DATA, where a verified
 * signature of its own domain traces the mail (delivered, x-traceability=pass with reason dkim);
 * unsigned, or signed by another domain, it is refused there with the usual explanation; a null
 * MX is still refused at MAIL FROM, signature or not.
 */
class DkimTraceabilityIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    static final KeyPair KEY = DmarcIntegrationTest.rsaKey();

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS)
        .confFile("smtpserver.xml", Gateway.sample("smtpserver.xml").replace("<temperror>defer</temperror>\n            </handler>",
            "<temperror>defer</temperror>\n                <dkim>true</dkim>\n            </handler>"))
        // Greylisting (of senders untraceable at RCPT, before the signature is seen) is not the subject here.
        .property("greylist.whitelist.clients", "127.0.96.0/24")
        .user("bob@tracewall.local", "pw")
        .build();

    @BeforeAll
    static void zones() {
        String publicKey = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(KEY.getPublic().getEncoded());
        // signed.test: SPF does not list the client, which is no MX or A neighbour either.
        DNS.zone().txt("signed.test", "v=spf1 ip4:192.0.2.0/24 -all").mx("signed.test", 10, "mx.signed.test").a("mx.signed.test", "192.0.2.10")
            .longTxt("s1._domainkey.signed.test", publicKey)
            .longTxt("s1._domainkey.other.test", publicKey)
            .mx("nomail.test", 0, ".");
    }

    @AfterAll
    static void stop() {
        DNS.close();
    }

    private static String message(String subject) {
        return "From: news@signed.test\r\nTo: bob@tracewall.local\r\nSubject: " + subject + "\r\n\r\nThe newsletter.\r\n";
    }

    private static String signedBy(String domain, String message) throws Exception {
        DKIMSigner signer = new DKIMSigner("v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain + "; s=s1; h=from:to:subject; bh=; b=;",
            KEY.getPrivate());
        return signer.sign(new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII))) + "\r\n" + message;
    }

    private static SmtpReply send(String from, String message) throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.96.5")) {
            smtp.ehlo("relay.elsewhere.test");
            return smtp.send(from, List.of("bob@tracewall.local"), message);
        }
    }

    @Test
    void aMessageSignedByTheClaimedDomainShouldBeTracedByItsSignature() throws Exception {
        SmtpReply reply = send("news@signed.test", signedBy("signed.test", message("signed newsletter")));
        assertThat(reply.code()).as(reply.toString()).isEqualTo(250);

        assertThat(Gateway.deliveredHeaders(james, "bob@tracewall.local", "pw"))
            .contains("X-Tracewall-Trace: result=traceable; reason=dkim; domain=signed.test")
            .contains("x-traceability=pass (dkim d=signed.test s=s1)");
    }

    @Test
    void theSameSenderUnsignedShouldBeRefusedAtTheEndOfData() throws Exception {
        SmtpReply reply = send("news@signed.test", message("unsigned"));

        assertThat(reply.code()).isEqualTo(550);
        assertThat(reply.text()).startsWith("5.7.23").contains("The SPF record of signed.test does not allow 127.0.96.5");
    }

    @Test
    void aSignatureOfAnotherDomainShouldNotTraceIt() throws Exception {
        assertThat(send("news@signed.test", signedBy("other.test", message("other signer"))).code()).isEqualTo(550);
    }

    @Test
    void aNullMxShouldStillBeRefusedAtMailFrom() throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.96.5")) {
            smtp.ehlo("relay.elsewhere.test");
            SmtpReply reply = smtp.mailFrom("news@nomail.test");
            assertThat(reply.code()).isEqualTo(550);
            assertThat(reply.text()).startsWith("5.7.27");
        }
    }
}
