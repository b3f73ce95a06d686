package org.tracewall.core.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;

import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.tracewall.testing.dns.LoopbackDnsServer;

/**
 * Why Tracewall verifies DKIM itself rather than with jDKIM 0.3 (the library James ships and its
 * DKIMVerify mailet uses): on the third-party signatures of the vectors that must verify, jDKIM
 * passes only the RSA ones, since it has no ed25519-sha256 (RFC 8463); and it answers per message
 * (an exception when no signature passes), not per signature, with its own DNS client, so a
 * temporary key failure cannot become Tracewall's temperror. The figures are printed.
 */
class JdkimComparisonTest {
    private static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    private static final Map<String, String> KEYS = Map.of(
        "brisbane._domainkey.football.example.com", "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
        "test._domainkey.football.example.com", DkimVectors.text("test.txt"),
        "sed._domainkey.test.ex", DkimVectors.text("eximtest.dns"));
    /** Third-party signatures that must verify: the RFC 8463 example's two, Exim's ed25519. */
    private static final List<String> MUST_VERIFY = List.of("rfc6376.signed.msg", "ed25519test2.msg");

    @AfterAll
    static void stop() {
        DNS.close();
    }

    @Test
    void tracewallShouldVerifyEverySignatureThatJdkimVerifiesAndTheEd25519OnesItCannot() throws Exception {
        KEYS.forEach((name, record) -> DkimVectors.publish(DNS.zone(), name, record));
        DkimVerifier tracewall = new DkimVerifier(DkimVectors.resolver(DNS), System::currentTimeMillis);
        DKIMVerifier jdkim = new DKIMVerifier((method, selector, domain) -> {
            String record = KEYS.get(selector + "._domainkey." + domain);
            if (record == null) {
                throw new PermFailException("no key");
            }
            return List.of(record);
        });
        int tracewallPassed = 0;
        int jdkimPassed = 0;
        int signatures = 0;
        for (String vector : MUST_VERIFY) {
            byte[] message = DkimVectors.message(vector);
            List<DkimResult> results = tracewall.verify(message);
            signatures += results.size();
            tracewallPassed += (int) results.stream().filter(DkimResult::isPass).count();
            jdkimPassed += jdkimPasses(jdkim, message);
        }

        System.out.printf("DKIM vectors that must verify: Tracewall %d of %d signatures, jDKIM 0.3 %d of %d%n",
            tracewallPassed, signatures, jdkimPassed, signatures);
        assertThat(signatures).isEqualTo(3);
        assertThat(tracewallPassed).isEqualTo(3);
        assertThat(jdkimPassed).as("jDKIM: the RSA signature only").isEqualTo(1);
    }

    private static int jdkimPasses(DKIMVerifier jdkim, byte[] message) throws Exception {
        try {
            List<SignatureRecord> passed = jdkim.verify(new ByteArrayInputStream(message));
            return passed == null ? 0 : passed.size();
        } catch (FailException e) {
            return 0;
        }
    }
}
