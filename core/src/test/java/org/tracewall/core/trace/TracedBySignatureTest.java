package org.tracewall.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tracewall.core.dkim.DkimResult;
import org.tracewall.core.dns.DnsResolver;

/** The rule by which a DKIM signature traces mail that SPF and the neighbourhood could not. */
class TracedBySignatureTest {
    private final TraceabilityChecker checker = TraceabilityChecker.fromConfig(DnsResolver.offline(), TraceabilityConfig.defaults());

    TracedBySignatureTest() throws IOException {
    }

    private static TraceVerdict untraceable(TraceReason reason, String domain) {
        return new TraceVerdict(TraceResult.UNTRACEABLE, reason, "no", domain, null);
    }

    private static List<DkimResult> passFor(String domain, boolean testing) {
        return List.of(DkimResult.of(DkimResult.Status.PASS, domain, "s1", "rsa-sha256", "signature verified", testing));
    }

    @Test
    void aSignatureOfTheSameOrganizationalDomainShouldTraceIt() {
        TraceVerdict traced = checker.tracedBySignature(untraceable(TraceReason.NO_EVIDENCE, "news.example.co.uk"),
            passFor("mail.example.co.uk", false)).orElseThrow();

        assertThat(traced.result()).isEqualTo(TraceResult.TRACEABLE);
        assertThat(traced.reason()).isEqualTo(TraceReason.DKIM_SIGNED);
        assertThat(traced.detail()).isEqualTo("dkim d=mail.example.co.uk s=s1");
        assertThat(traced.domain()).isEqualTo("news.example.co.uk");
    }

    @Test
    void anotherOrganizationATestingKeyOrAFailedSignatureShouldNot() {
        TraceVerdict verdict = untraceable(TraceReason.SPF_FAIL, "example.co.uk");

        assertThat(checker.tracedBySignature(verdict, passFor("other.co.uk", false))).as("co.uk is a public suffix").isEmpty();
        assertThat(checker.tracedBySignature(verdict, passFor("example.co.uk", true))).as("t=y").isEmpty();
        assertThat(checker.tracedBySignature(verdict, List.of(DkimResult.of(DkimResult.Status.FAIL, "example.co.uk", "s1", "rsa-sha256",
            "body hash mismatch", false)))).isEmpty();
    }

    @Test
    void whatTheDomainOrTheOperatorRefusedShouldStayRefused() {
        for (TraceReason reason : List.of(TraceReason.NULL_MX, TraceReason.NO_SUCH_DOMAIN, TraceReason.REGISTRY_UNTRUSTED,
            TraceReason.INVALID_DOMAIN)) {
            assertThat(checker.signatureCanTrace(untraceable(reason, "example.com"))).as(reason.code()).isFalse();
            assertThat(checker.tracedBySignature(untraceable(reason, "example.com"), passFor("example.com", false))).isEmpty();
        }
    }
}
