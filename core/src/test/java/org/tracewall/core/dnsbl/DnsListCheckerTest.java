package org.tracewall.core.dnsbl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tracewall.core.dns.DnsConfig;
import org.tracewall.core.dns.DnsJavaResolver;
import org.tracewall.testing.dns.Fault;
import org.tracewall.testing.dns.LoopbackDnsServer;

class DnsListCheckerTest {
    private static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    private static final Map<String, String> LISTS = Map.of(
        "dnsbl.list.zen.zone", "zen.test", "dnsbl.list.zen.codes", "127.0.0.2-127.0.0.11",
        "dnsbl.list.zen.message", "$ip is listed in $list",
        "dnsbl.list.wl.zone", "wl.test", "dnsbl.list.wl.weight", "-2",
        "dnsbl.list.dbl.zone", "dbl.test", "dnsbl.list.dbl.type", "domain", "dnsbl.list.dbl.weight", "0.5");

    private DnsListChecker checker;

    @AfterAll
    static void stop() {
        DNS.close();
    }

    @BeforeEach
    void setUp() {
        DNS.zone().clear();
        DnsJavaResolver resolver = DnsJavaResolver.create(DnsConfig.builder().server(DNS.address())
            .timeout(Duration.ofMillis(300)).retries(0).deadline(Duration.ofMillis(600)).build());
        checker = new DnsListChecker(resolver, DnsListConfig.fromProperties(LISTS).lists());
    }

    @Test
    void aListedIpv4ShouldBeAHitWithItsCodeAndMessage() throws Exception {
        DNS.zone().a("4.3.2.192.zen.test", "127.0.0.4");

        DnsListVerdict verdict = checker.check(InetAddress.getByName("192.2.3.4"), List.of());

        assertThat(verdict.score()).isEqualTo(1.0);
        assertThat(verdict.strongest()).hasValueSatisfying(hit -> {
            assertThat(hit.codes()).containsExactly("127.0.0.4");
            assertThat(hit.list().message("192.2.3.4", "")).isEqualTo("192.2.3.4 is listed in zen.test");
        });
    }

    @Test
    void codesOutsideTheFilterAndErrorCodesShouldNotCount() throws Exception {
        DNS.zone().a("4.3.2.192.zen.test", "127.0.0.20").a("5.3.2.192.zen.test", "127.255.255.254");

        assertThat(checker.check(InetAddress.getByName("192.2.3.4"), List.of()).hits()).isEmpty();
        assertThat(checker.check(InetAddress.getByName("192.2.3.5"), List.of()).hits()).isEmpty();
    }

    @Test
    void anErrorAnswerShouldNotCountUnderTheDefaultFilterButBeReportedAndCounted() throws Exception {
        // wl.test has no codes filter: the default 127.0.0.0/8 contains 127.255.255.254.
        DNS.zone().a("7.3.2.192.wl.test", "127.255.255.254");

        DnsListVerdict verdict = checker.check(InetAddress.getByName("192.2.3.7"), List.of());

        assertThat(verdict.hits()).isEmpty();
        assertThat(verdict.score()).isZero();
        assertThat(verdict.errorAnswers()).containsExactly("wl.test answered 127.255.255.254 for 192.2.3.7: the list refuses this "
            + "resolver (queries through public or open resolvers are blocked); use your own resolver; not counted as a listing");
        checker.check(InetAddress.getByName("192.2.3.7"), List.of());
        assertThat(checker.errorAnswerCounts()).containsExactly(Map.entry("wl.test", 2L));
    }

    @Test
    void ipv6ShouldBeQueriedAsReversedNibbles() throws Exception {
        DNS.zone().a("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.zen.test", "127.0.0.3");

        assertThat(checker.check(InetAddress.getByName("2001:db8::1"), List.of()).score()).isEqualTo(1.0);
    }

    @Test
    void aWhitelistShouldOffsetABlacklist() throws Exception {
        DNS.zone().a("4.3.2.192.zen.test", "127.0.0.2").a("4.3.2.192.wl.test", "127.0.10.0");

        assertThat(checker.check(InetAddress.getByName("192.2.3.4"), List.of()).score()).isEqualTo(-1.0);
    }

    @Test
    void domainListsShouldBeAskedAboutEachDomainOnce() throws Exception {
        DNS.zone().a("spammy.example.dbl.test", "127.0.1.2");

        DnsListVerdict verdict = checker.check(InetAddress.getByName("198.51.100.1"),
            List.of("spammy.example", "spammy.example", ""));

        assertThat(verdict.hits()).hasSize(1);
        assertThat(verdict.hits().get(0).queried()).isEqualTo("spammy.example");
        assertThat(verdict.score()).isEqualTo(0.5);
    }

    @Test
    void aListThatTimesOutShouldBeUnavailableNeverAHit() throws Exception {
        DNS.zone().globalFault(Fault.TIMEOUT);

        DnsListVerdict verdict = checker.check(InetAddress.getByName("192.2.3.4"), List.of("x.example"));

        assertThat(verdict.hits()).isEmpty();
        assertThat(verdict.score()).isZero();
        assertThat(verdict.unavailable()).contains("zen.test", "wl.test", "dbl.test");
        assertThat(verdict.missingVouch()).as("the allow list could not vouch").isTrue();
    }

    @Test
    void configShouldNameBadKeys() {
        assertThatThrownBy(() -> DnsListConfig.fromProperties(Map.of("dnsbl.list.x.weight", "1"))).hasMessageContaining("dnsbl.list.x.zone");
        assertThatThrownBy(() -> DnsListConfig.fromProperties(Map.of("dnsbl.list.x.zone", "z.test", "dnsbl.list.x.codes", "127.0.0.9-127.0.0.2")))
            .hasMessageContaining("dnsbl.list.x.codes");
        assertThatThrownBy(() -> DnsListConfig.fromProperties(Map.of("dnsbl.lists.x.zone", "z.test"))).hasMessageContaining("dnsbl.lists.x.zone");
    }
}
