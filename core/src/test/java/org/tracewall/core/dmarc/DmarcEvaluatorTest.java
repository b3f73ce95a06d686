package org.tracewall.core.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tracewall.core.dkim.DkimResult;
import org.tracewall.core.dkim.RawMessage;
import org.tracewall.core.dns.DnsConfig;
import org.tracewall.core.dns.DnsJavaResolver;
import org.tracewall.core.domain.PublicSuffixList;
import org.tracewall.testing.dns.Fault;
import org.tracewall.testing.dns.LoopbackDnsServer;

/** RFC 7489 over a loopback DNS server with _dmarc zones. */
class DmarcEvaluatorTest {
    private static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    private DmarcEvaluator dmarc;

    @BeforeEach
    void zones() {
        DNS.zone().clear()
            .txt("_dmarc.example.com", "v=DMARC1; p=reject; sp=quarantine; rua=mailto:d@example.com")
            .txt("_dmarc.strict.example", "v=DMARC1; p=reject; adkim=s; aspf=s")
            .txt("_dmarc.sampled.example", "v=DMARC1; p=reject; pct=0")
            .txt("_dmarc.bogus.example", "v=DMARC1; p=bogus")
            .txt("_dmarc.shop.co.uk", "v=DMARC1; p=reject")
            .txt("_dmarc.twice.example", "v=DMARC1; p=reject").txt("_dmarc.twice.example", "v=DMARC1; p=none")
            .txt("_dmarc.other.example", "v=spf1 -all");
        dmarc = new DmarcEvaluator(DnsJavaResolver.create(DnsConfig.builder().server(DNS.address()).timeout(Duration.ofMillis(300))
            .retries(0).deadline(Duration.ofMillis(600)).build()), PublicSuffixList.bundled());
    }

    @AfterAll
    static void stop() {
        DNS.close();
    }

    private static RawMessage from(String... from) {
        StringBuilder headers = new StringBuilder();
        for (String value : from) {
            headers.append("From: ").append(value).append("\r\n");
        }
        return RawMessage.parse((headers + "Message-ID: <1@x>\r\nSubject: hi\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static List<DkimResult> dkimPass(String domain) {
        return List.of(DkimResult.of(DkimResult.Status.PASS, domain, "s", "rsa-sha256", "signature verified", false));
    }

    @Test
    void aDkimPassOfTheSameOrganizationalDomainShouldAlignRelaxed() {
        DmarcResult result = dmarc.evaluate(from("Joe <joe@example.com>"), Optional.empty(), dkimPass("mail.example.com"));

        assertThat(result.status()).isEqualTo(DmarcResult.Status.PASS);
        assertThat(result.dkimAligned()).isTrue();
        assertThat(result.fromDomain()).isEqualTo("example.com");
        assertThat(result.disposition()).isEqualTo(DmarcPolicy.NONE);
    }

    @Test
    void anSpfPassShouldAlignToo() {
        DmarcResult result = dmarc.evaluate(from("joe@example.com"), Optional.of("bounces.example.com"), List.of());

        assertThat(result.status()).isEqualTo(DmarcResult.Status.PASS);
        assertThat(result.spfAligned()).isTrue();
    }

    @Test
    void strictModesShouldWantTheSameName() {
        DmarcResult result = dmarc.evaluate(from("a@strict.example"), Optional.of("mail.strict.example"), dkimPass("mail.strict.example"));

        assertThat(result.status()).isEqualTo(DmarcResult.Status.FAIL);
        assertThat(result.disposition()).isEqualTo(DmarcPolicy.REJECT);
    }

    @Test
    void aFailureShouldGetThePublishedPolicyAndASubdomainTheSubdomainPolicy() {
        DmarcResult top = dmarc.evaluate(from("joe@example.com"), Optional.of("evil.example"), dkimPass("evil.example"));
        DmarcResult sub = dmarc.evaluate(from("news@news.example.com"), Optional.empty(), List.of());

        assertThat(top.status()).isEqualTo(DmarcResult.Status.FAIL);
        assertThat(top.disposition()).isEqualTo(DmarcPolicy.REJECT);
        assertThat(sub.published()).isEqualTo(DmarcPolicy.QUARANTINE);
        assertThat(sub.disposition()).isEqualTo(DmarcPolicy.QUARANTINE);
    }

    @Test
    void mailOutsideThePctSampleShouldGetTheNextLessStrictPolicy() {
        assertThat(dmarc.evaluate(from("a@sampled.example"), Optional.empty(), List.of()).disposition()).isEqualTo(DmarcPolicy.QUARANTINE);
    }

    @Test
    void organizationalDomainsShouldComeFromThePublicSuffixList() {
        // co.uk is a public suffix: other.co.uk is another organization, not shop.co.uk's.
        DmarcResult result = dmarc.evaluate(from("a@shop.co.uk"), Optional.empty(), dkimPass("other.co.uk"));

        assertThat(result.status()).isEqualTo(DmarcResult.Status.FAIL);
    }

    @Test
    void aTestingKeysPassShouldNotAlign() {
        List<DkimResult> testing = List.of(DkimResult.of(DkimResult.Status.PASS, "example.com", "s", "rsa-sha256", "ok", true));

        assertThat(dmarc.evaluate(from("joe@example.com"), Optional.empty(), testing).status()).isEqualTo(DmarcResult.Status.FAIL);
    }

    @Test
    void withoutOneUsableRecordThereShouldBeNoPolicy() {
        assertThat(dmarc.evaluate(from("a@nodmarc.example"), Optional.empty(), List.of()).status()).isEqualTo(DmarcResult.Status.NONE);
        assertThat(dmarc.evaluate(from("a@other.example"), Optional.empty(), List.of()).status()).as("not a DMARC record")
            .isEqualTo(DmarcResult.Status.NONE);
        assertThat(dmarc.evaluate(from("a@twice.example"), Optional.empty(), List.of()).status()).as("two records")
            .isEqualTo(DmarcResult.Status.NONE);
        assertThat(dmarc.evaluate(from("a@bogus.example"), Optional.empty(), List.of()).status()).isEqualTo(DmarcResult.Status.PERMERROR);
    }

    @Test
    void aDnsFailureShouldBeATemporaryErrorNeverAFail() {
        DNS.zone().fault("_dmarc.example.com", Fault.SERVFAIL);

        DmarcResult result = dmarc.evaluate(from("joe@example.com"), Optional.empty(), List.of());

        assertThat(result.status()).isEqualTo(DmarcResult.Status.TEMPERROR);
        assertThat(result.disposition()).isEqualTo(DmarcPolicy.NONE);
    }

    @Test
    void twoFromHeadersOrTwoAuthorDomainsShouldBeAPermanentError() {
        assertThat(dmarc.evaluate(from("a@example.com", "b@example.com"), Optional.empty(), dkimPass("example.com")).status())
            .isEqualTo(DmarcResult.Status.PERMERROR);
        assertThat(dmarc.evaluate(from("a@example.com, b@evil.example"), Optional.empty(), dkimPass("example.com")).status())
            .isEqualTo(DmarcResult.Status.PERMERROR);
    }
}
