package org.tracewall.core.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracewall.core.dns.DnsConfig;
import org.tracewall.core.dns.DnsJavaResolver;
import org.tracewall.core.net.IpNetwork;
import org.tracewall.testing.dns.Fault;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.xbill.DNS.Type;

class TraceabilityCheckerTest {
    private static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();

    @TempDir
    Path dir;

    @AfterAll
    static void stop() {
        DNS.close();
    }

    @BeforeEach
    void zone() {
        DNS.zone().clear()
            .mx("example.com", 10, "mx1.example.com")
            .a("mx1.example.com", "192.0.2.10")
            .a("example.com", "198.51.100.80")
            .aaaa("mx1.example.com", "2001:db8:25::10")
            .txt("spf.example", "v=spf1 ip4:203.0.113.0/24 ~all")
            .txt("strict.example", "v=spf1 ip4:203.0.113.5 -all")
            .a("spf.example", "203.0.113.1");
    }

    private TraceabilityChecker checker(Map<String, String> properties) throws IOException {
        DnsJavaResolver dns = DnsJavaResolver.create(DnsConfig.builder().server(DNS.address())
            .timeout(Duration.ofMillis(300)).retries(0).deadline(Duration.ofMillis(700)).build());
        return TraceabilityChecker.fromConfig(dns, TraceabilityConfig.fromProperties(properties, dir));
    }

    private static TraceRequest from(String ip, String helo, String mailFrom) throws Exception {
        return new TraceRequest(InetAddress.getByName(ip), helo, mailFrom, null);
    }

    @Test
    void checkShouldTraceAnSpfPass() throws Exception {
        TraceVerdict verdict = checker(Map.of()).check(from("203.0.113.9", "out.spf.example", "news@spf.example"));

        assertThat(verdict.result()).isEqualTo(TraceResult.TRACEABLE);
        assertThat(verdict.reason()).isEqualTo(TraceReason.SPF_PASS);
        assertThat(verdict.detail()).isEqualTo("spf-pass ip4:203.0.113.0/24");
    }

    @Test
    void checkShouldRejectAnSpfFailWithTheExplanation() throws Exception {
        TraceVerdict verdict = checker(Map.of()).check(from("192.0.2.200", "x.example.net", "ceo@strict.example"));

        assertThat(verdict.result()).isEqualTo(TraceResult.UNTRACEABLE);
        assertThat(verdict.reason()).isEqualTo(TraceReason.SPF_FAIL);
        assertThat(verdict.detail()).contains("192.0.2.200 is not allowed to send mail for strict.example");
    }

    @Test
    void aNullMxShouldBeUntraceableEvenForAClientBesideTheDomainsAddress() throws Exception {
        // Without the null MX, 198.51.100.81 would be traced as the A neighbour of nomail.example.
        DNS.zone().mx("nomail.example", 0, ".").a("nomail.example", "198.51.100.80");

        TraceVerdict verdict = checker(Map.of()).check(from("198.51.100.81", "h.nomail.example", "noreply@nomail.example"));

        assertThat(verdict.result()).isEqualTo(TraceResult.UNTRACEABLE);
        assertThat(verdict.reason()).isEqualTo(TraceReason.NULL_MX);
        assertThat(verdict.detail()).isEqualTo("nomail.example publishes a null MX (RFC 7505): it accepts no mail, "
            + "so no reply can reach the sender");
    }

    @Test
    void aNullMxShouldOutweighAnSpfPass() throws Exception {
        DNS.zone().mx("spfnomail.example", 0, ".").txt("spfnomail.example", "v=spf1 ip4:203.0.113.0/24 -all");

        TraceVerdict verdict = checker(Map.of()).check(from("203.0.113.9", "h.spfnomail.example", "a@spfnomail.example"));

        assertThat(verdict.reason()).isEqualTo(TraceReason.NULL_MX);
        assertThat(verdict.spf().map(spf -> spf.result().code())).contains("pass");
    }

    @Test
    void aRealMxOfPreferenceZeroShouldStillTrace() throws Exception {
        DNS.zone().mx("zero.example", 0, "mx.zero.example").a("mx.zero.example", "192.0.2.77");

        assertThat(checker(Map.of()).check(from("192.0.2.77", "mx.zero.example", "a@zero.example")).reason())
            .isEqualTo(TraceReason.MX_HOST);
    }

    @Test
    void checkShouldNotRunTheHeuristicWhenSpfExists() throws Exception {
        // 203.0.113.77 is the /24 neighbour of spf.example's own A, but SPF softfails it.
        TraceVerdict verdict = checker(Map.of()).check(from("198.18.0.1", "h.example.net", "a@spf.example"));

        assertThat(verdict.reason()).isEqualTo(TraceReason.SPF_SOFTFAIL);
        assertThat(verdict.result()).isEqualTo(TraceResult.UNTRACEABLE);
    }

    @Test
    void checkShouldMapSoftfailAsConfigured() throws Exception {
        TraceVerdict verdict = checker(Map.of("traceability.spf.softfail", "unknown"))
            .check(from("198.18.0.1", "h.example.net", "a@spf.example"));

        assertThat(verdict.result()).isEqualTo(TraceResult.UNKNOWN);
    }

    @Test
    void checkShouldTraceAClientInTheMxSlash24WhenThereIsNoSpf() throws Exception {
        TraceVerdict verdict = checker(Map.of()).check(from("192.0.2.77", "out.example.com", "alice@example.com"));

        assertThat(verdict.result()).isEqualTo(TraceResult.TRACEABLE);
        assertThat(verdict.detail()).isEqualTo("mx-neighbour /24 of mx1.example.com");
    }

    @Test
    void checkShouldTraceTheMxHostItself() throws Exception {
        assertThat(checker(Map.of()).check(from("192.0.2.10", "mx1.example.com", "alice@example.com")).detail())
            .isEqualTo("mx-host mx1.example.com");
    }

    @Test
    void checkShouldTraceTheDomainsOwnARecordNeighbourhood() throws Exception {
        assertThat(checker(Map.of()).check(from("198.51.100.3", "web.example.com", "alice@example.com")).detail())
            .isEqualTo("a-neighbour /24 of example.com");
    }

    @Test
    void checkShouldAcceptTheSlash16OnlyInRelaxedMode() throws Exception {
        TraceRequest request = from("192.0.77.5", "out.example.com", "alice@example.com");

        assertThat(checker(Map.of()).check(request).result()).isEqualTo(TraceResult.UNTRACEABLE);
        assertThat(checker(Map.of("traceability.neighbourhood.ipv4", "16")).check(request).detail())
            .isEqualTo("mx-neighbour /16 of mx1.example.com");
    }

    @Test
    void checkShouldTraceAnIpv6NeighbourInTheSlash64() throws Exception {
        TraceVerdict verdict = checker(Map.of()).check(from("2001:db8:25::99", "out.example.com", "alice@example.com"));

        assertThat(verdict.detail()).isEqualTo("mx-neighbour /64 of mx1.example.com");
        assertThat(checker(Map.of()).check(from("2001:db8:26::99", "o.example.com", "alice@example.com")).result())
            .isEqualTo(TraceResult.UNTRACEABLE);
    }

    @Test
    void checkShouldRejectAnUnrelatedClientAndExplainWhy() throws Exception {
        TraceVerdict verdict = checker(Map.of()).check(from("203.0.113.250", "dsl.example.net", "alice@example.com"));

        assertThat(verdict.result()).isEqualTo(TraceResult.UNTRACEABLE);
        assertThat(verdict.reason()).isEqualTo(TraceReason.NO_EVIDENCE);
        assertThat(verdict.detail()).contains("203.0.113.250").contains("example.com publishes no SPF");
    }

    @Test
    void checkShouldHonourACompensationEntryAddedAtRunTime() throws Exception {
        Path file = dir.resolve("compensation.txt");
        TraceabilityChecker checker = checker(Map.of("traceability.compensation.file", "compensation.txt"));
        TraceRequest request = from("203.0.113.250", "relay.example.net", "alice@example.com");
        assertThat(checker.check(request).result()).isEqualTo(TraceResult.UNTRACEABLE);

        checker.compensation().add("example.com", IpNetwork.parse("203.0.113.0/24"));

        TraceVerdict verdict = checker.check(request);
        assertThat(verdict.result()).isEqualTo(TraceResult.TRACEABLE);
        assertThat(verdict.detail()).isEqualTo("compensated 203.0.113.0/24 for example.com");
        assertThat(Files.readString(file)).contains("example.com 203.0.113.0/24");
    }

    @Test
    void compensationShouldReportBadLinesWithTheirNumberAndKeepTheRest() throws Exception {
        Files.writeString(dir.resolve("c.txt"), "example.com 300.1.2.3/24 203.0.113.0/24\nlonely\n");
        TraceabilityChecker checker = checker(Map.of("traceability.compensation.file", "c.txt"));

        assertThat(checker.check(from("203.0.113.250", "r.example.net", "a@example.com")).reason())
            .isEqualTo(TraceReason.COMPENSATED);
        assertThat(checker.compensation().problems()).containsExactly("line 1: bad network '300.1.2.3/24'",
            "line 2: expected 'domain network...'");
    }

    @Test
    void checkShouldTraceAForwardConfirmedPtrUnderTheOrganizationalDomain() throws Exception {
        DNS.zone().ptr("203.0.113.44", "smtp-out.eu.example.com").a("smtp-out.eu.example.com", "203.0.113.44");

        TraceVerdict verdict = checker(Map.of()).check(from("203.0.113.44", "smtp-out.eu.example.com", "bob@example.com"));

        assertThat(verdict.result()).isEqualTo(TraceResult.TRACEABLE);
        assertThat(verdict.detail()).isEqualTo("fcrdns smtp-out.eu.example.com");
    }

    @Test
    void checkShouldNotTrustAPtrThatIsNotForwardConfirmed() throws Exception {
        DNS.zone().ptr("203.0.113.45", "forged.example.com").a("forged.example.com", "192.0.2.250");

        assertThat(checker(Map.of()).check(from("203.0.113.45", "forged.example.com", "bob@example.com")).result())
            .isEqualTo(TraceResult.UNTRACEABLE);
    }

    @Test
    void checkShouldNotTrustAPtrUnderAnotherOrganization() throws Exception {
        DNS.zone().ptr("203.0.113.46", "example.com.attacker.example").a("example.com.attacker.example", "203.0.113.46");

        assertThat(checker(Map.of()).check(from("203.0.113.46", "x.attacker.example", "bob@example.com")).result())
            .isEqualTo(TraceResult.UNTRACEABLE);
    }

    @Test
    void checkShouldJudgeTheNullSenderByItsHelo() throws Exception {
        TraceVerdict verdict = checker(Map.of()).check(from("192.0.2.10", "mx1.example.com", ""));

        assertThat(verdict.domain()).isEqualTo("mx1.example.com");
        assertThat(verdict.result()).isEqualTo(TraceResult.TRACEABLE);
        assertThat(verdict.detail()).isEqualTo("a-host mx1.example.com");
    }

    @Test
    void checkShouldGiveTemperrorWhenDnsTimesOut() throws Exception {
        DNS.zone().fault("example.com", Fault.TIMEOUT);

        TraceVerdict verdict = checker(Map.of()).check(from("192.0.2.77", "out.example.com", "alice@example.com"));

        assertThat(verdict.result()).isEqualTo(TraceResult.TEMPERROR);
    }

    @Test
    void checkShouldGiveTemperrorOnServfailOfTheMxLookup() throws Exception {
        DNS.zone().fault("example.com", Type.MX, Fault.SERVFAIL);

        assertThat(checker(Map.of()).check(from("203.0.113.250", "out.example.com", "alice@example.com")).result())
            .isEqualTo(TraceResult.TEMPERROR);
    }

    @Test
    void checkShouldSayWhenTheDomainDoesNotExist() throws Exception {
        TraceVerdict verdict = checker(Map.of()).check(from("192.0.2.77", "h.example.net", "x@nowhere.example"));

        assertThat(verdict.reason()).isEqualTo(TraceReason.NO_SUCH_DOMAIN);
    }

    @Test
    void checkShouldRejectAnUnqualifiedDomainWithoutQueryingDns() throws Exception {
        DNS.resetQueries();
        TraceVerdict verdict = checker(Map.of()).check(from("192.0.2.77", "localhost", "root@localhost"));

        assertThat(verdict.reason()).isEqualTo(TraceReason.INVALID_DOMAIN);
        assertThat(DNS.queryCount()).isZero();
    }

    @Test
    void checkShouldFollowTheRegistryFileFirst() throws Exception {
        Files.writeString(dir.resolve("registry.txt"), "strict.example trusted\nexample.com untrusted\n");
        TraceabilityChecker checker = checker(Map.of("traceability.registry.file", "registry.txt"));

        assertThat(checker.check(from("192.0.2.200", "x.example.net", "ceo@strict.example")).reason())
            .isEqualTo(TraceReason.REGISTRY_TRUSTED);
        assertThat(checker.check(from("192.0.2.10", "mx1.example.com", "a@sub.example.com")).reason())
            .isEqualTo(TraceReason.REGISTRY_UNTRUSTED);
    }

    @Test
    void checkShouldAskARegistryZone() throws Exception {
        DNS.zone().a("strict.example.registry.test", "127.0.0.2");

        TraceVerdict verdict = checker(Map.of("traceability.registry.zone", "registry.test"))
            .check(from("192.0.2.200", "x.example.net", "ceo@strict.example"));

        assertThat(verdict.result()).isEqualTo(TraceResult.TRACEABLE);
        assertThat(verdict.detail()).isEqualTo("registry: strict.example trusted (zone registry.test)");
    }

    @Test
    void configShouldRejectAnUnknownKeyByName() {
        assertThatThrownBy(() ->
                TraceabilityConfig.fromProperties(Map.of("traceability.neighborhood.ipv4", "24"), dir))
            .hasMessageContaining("traceability.neighborhood.ipv4");
        assertThatThrownBy(() ->
                TraceabilityConfig.fromProperties(Map.of("traceability.spf.softfail", "maybe"), dir))
            .hasMessageContaining("traceability.spf.softfail");
    }
}
