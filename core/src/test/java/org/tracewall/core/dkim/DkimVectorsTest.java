package org.tracewall.core.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tracewall.core.dns.DnsJavaResolver;
import org.tracewall.testing.dns.LoopbackDnsServer;

/**
 * The dkimpy test vectors (RFC 6376, RFC 8463) through {@link DkimVerifier}, with the keys served
 * by a loopback DNS server: third-party signatures (the RFC 8463 example, Exim's ed25519) must
 * verify, the broken keys and signatures of the suite must not, and messages signed by another
 * implementation (jDKIM, RSA) must verify until a byte of what they sign changes.
 */
class DkimVectorsTest {
    private static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
    private static final String RSA_TEMPLATE = "v=1; a=rsa-sha256; c=relaxed/simple; d=example.com; s=test; h=from:to:subject:date; bh=; b=;";

    private final DnsJavaResolver resolver = DkimVectors.resolver(DNS);
    private final DkimVerifier verifier = new DkimVerifier(resolver, NOW::millis);

    @BeforeEach
    void keys() {
        DNS.zone().clear();
        DkimVectors.publish(DNS.zone(), "brisbane._domainkey.football.example.com",
            "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=");
        // RFC 8463 appendix A.2's RSA key is RFC 6376's example key, which the suite ships as test.txt.
        DkimVectors.publish(DNS.zone(), "test._domainkey.football.example.com", DkimVectors.text("test.txt"));
        DkimVectors.publish(DNS.zone(), "sed._domainkey.test.ex", DkimVectors.text("eximtest.dns"));
    }

    @AfterAll
    static void stop() {
        DNS.close();
    }

    private static List<DkimResult.Status> statuses(List<DkimResult> results) {
        return results.stream().map(DkimResult::status).collect(java.util.stream.Collectors.toList());
    }

    @Test
    void theRfc8463ExampleShouldVerifyWithBothItsSignatures() {
        List<DkimResult> results = verifier.verify(DkimVectors.message("rfc6376.signed.msg"));

        assertThat(results).as("%s", results).extracting(DkimResult::status).containsExactly(DkimResult.Status.PASS, DkimResult.Status.PASS);
        assertThat(results).extracting(DkimResult::algorithm).containsExactly("ed25519-sha256", "rsa-sha256");
        assertThat(results.get(0).domain()).isEqualTo("football.example.com");
        assertThat(results.get(0).selector()).isEqualTo("brisbane");
    }

    @Test
    void eximsEd25519SignatureShouldVerify() {
        assertThat(statuses(verifier.verify(DkimVectors.message("ed25519test2.msg")))).containsExactly(DkimResult.Status.PASS);
    }

    @Test
    void aChangedBodyOrSignedHeaderShouldFail() {
        String signed = new String(DkimVectors.message("rfc6376.signed.msg"), StandardCharsets.ISO_8859_1);

        List<DkimResult> body = verifier.verify(signed.replace("We lost the game.", "We won the game.").getBytes(StandardCharsets.ISO_8859_1));
        List<DkimResult> header = verifier.verify(signed.replace("Subject: Is dinner ready?", "Subject: Is lunch ready?")
            .getBytes(StandardCharsets.ISO_8859_1));

        assertThat(body).extracting(DkimResult::reason).containsOnly("body hash mismatch");
        assertThat(statuses(header)).containsExactly(DkimResult.Status.FAIL, DkimResult.Status.FAIL);
        assertThat(header).extracting(DkimResult::reason).containsOnly("signature did not verify");
    }

    @Test
    void anAddedSecondFromShouldBreakTheSignatureThatSignedTheAbsentOne() {
        // h= lists from twice: the signer forbade a second From; adding one on top changes what is signed.
        String signed = new String(DkimVectors.message("rfc6376.signed.msg"), StandardCharsets.ISO_8859_1);
        String forged = signed.replace("From: Joe SixPack", "From: Attacker <a@evil.example>\r\nFrom: Joe SixPack");

        assertThat(statuses(verifier.verify(forged.getBytes(StandardCharsets.ISO_8859_1))))
            .containsExactly(DkimResult.Status.FAIL, DkimResult.Status.FAIL);
    }

    @Test
    void aMessageSignedByJdkimShouldVerifyWithTheSuitesKeys() throws Exception {
        DkimVectors.publish(DNS.zone(), "test._domainkey.example.com", DkimVectors.text("test.txt"));
        DkimVectors.publish(DNS.zone(), "big._domainkey.example.com", DkimVectors.text("2048_testkey_PKCS8.key.pub.txt"));
        DkimVectors.publish(DNS.zone(), "nok._domainkey.example.com", DkimVectors.text("test2.txt"));

        byte[] rsa1024 = DkimVectors.signWithJdkim(DkimVectors.message("test.message"), RSA_TEMPLATE, "test.private");
        byte[] rsa2048 = DkimVectors.signWithJdkim(DkimVectors.message("test.message"), RSA_TEMPLATE.replace("s=test", "s=big")
            .replace("c=relaxed/simple", "c=relaxed/relaxed"), "2048_testkey_PKCS8.key");
        byte[] noKeyType = DkimVectors.signWithJdkim(DkimVectors.message("test.message"), RSA_TEMPLATE.replace("s=test", "s=nok")
            .replace("c=relaxed/simple", "c=simple/simple"), "test2.private");

        assertThat(statuses(verifier.verify(rsa1024))).containsExactly(DkimResult.Status.PASS);
        assertThat(statuses(verifier.verify(rsa2048))).containsExactly(DkimResult.Status.PASS);
        assertThat(statuses(verifier.verify(noKeyType))).as("k= defaults to rsa").containsExactly(DkimResult.Status.PASS);
    }

    @Test
    void theSuitesBrokenKeyRecordsShouldNeverPass() throws Exception {
        byte[] signed = DkimVectors.signWithJdkim(DkimVectors.message("test.message"), RSA_TEMPLATE, "test.private");
        for (String broken : List.of("badversion.txt", "badk.txt", "test_tlsrpt.txt", "test_bad.txt")) {
            DNS.zone().remove("test._domainkey.example.com");
            DkimVectors.publish(DNS.zone(), "test._domainkey.example.com", DkimVectors.text(broken));

            List<DkimResult> results = new DkimVerifier(DkimVectors.resolver(DNS), NOW::millis).verify(signed);

            assertThat(statuses(results)).as("%s: %s", broken, results).containsExactly(DkimResult.Status.PERMERROR);
        }
    }

    @Test
    void aDomainThatIsNotADomainShouldNotPassForOne() {
        DkimVectors.publish(DNS.zone(), "test._domainkey.legitimate.com", DkimVectors.text("test.txt"));

        List<DkimResult> results = verifier.verify(DkimVectors.message("test.message.baddomain"));

        assertThat(statuses(results)).containsExactly(DkimResult.Status.PERMERROR);
        assertThat(results.get(0).domain()).isNotEqualTo("legitimate.com");
    }

    @Test
    void aKeyThatCannotBeFetchedNowShouldBeATemporaryErrorAndAMissingOneAPermanentOne() {
        DNS.zone().fault("brisbane._domainkey.football.example.com", org.tracewall.testing.dns.Fault.SERVFAIL);
        DNS.zone().remove("test._domainkey.football.example.com");

        assertThat(statuses(verifier.verify(DkimVectors.message("rfc6376.signed.msg"))))
            .containsExactly(DkimResult.Status.TEMPERROR, DkimResult.Status.PERMERROR);
    }

    @Test
    void anUnsignedMessageShouldHaveNoResult() {
        assertThat(verifier.verify(DkimVectors.message("rfc6376.msg"))).isEmpty();
    }

    @Test
    void anExpiredSignatureShouldFail() throws Exception {
        DkimVectors.publish(DNS.zone(), "test._domainkey.example.com", DkimVectors.text("test.txt"));
        // x= in 2030: jDKIM signs nothing already expired; the verifier's clock is set past it.
        String template = RSA_TEMPLATE.replace("b=;", "x=1900000000; b=;");
        byte[] signed = DkimVectors.signWithJdkim(DkimVectors.message("test.message"), template, "test.private");
        Clock after = Clock.fixed(Instant.ofEpochSecond(1900000001), ZoneOffset.UTC);

        assertThat(statuses(verifier.verify(signed))).containsExactly(DkimResult.Status.PASS);
        assertThat(new DkimVerifier(resolver, after::millis).verify(signed)).extracting(DkimResult::reason).containsExactly("signature expired");
    }
}
