package org.tracewall.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tracewall.core.dns.DnsConfig;
import org.tracewall.core.dns.DnsJavaResolver;
import org.tracewall.core.dnsbl.DnsListChecker;
import org.tracewall.core.dnsbl.DnsListConfig;
import org.tracewall.core.helo.HeloPtrChecker;
import org.tracewall.core.spf.SpfEvaluator;
import org.tracewall.core.trace.TraceabilityChecker;
import org.tracewall.core.trace.TraceabilityConfig;
import org.tracewall.testing.dns.Fault;
import org.tracewall.testing.dns.LoopbackDnsServer;

/** The server audit against a loopback DNS server loaded with what the world would see of us. */
class SenderAuditTest {
    private static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    private SenderAudit audit;

    @AfterAll
    static void stop() {
        DNS.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        DNS.zone().clear();
        DnsJavaResolver dns = DnsJavaResolver.create(DnsConfig.builder().server(DNS.address())
            .timeout(Duration.ofMillis(300)).retries(0).deadline(Duration.ofMillis(900)).build());
        DnsListChecker lists = new DnsListChecker(dns, DnsListConfig.fromProperties(Map.of(
            "dnsbl.list.zen.zone", "zen.test", "dnsbl.list.zen.codes", "127.0.0.2-127.0.0.11",
            "dnsbl.list.wl.zone", "wl.test", "dnsbl.list.wl.weight", "-2",
            "dnsbl.list.slow.zone", "slow.test")).lists());
        audit = new SenderAudit(lists, new HeloPtrChecker(dns), new SpfEvaluator(dns),
            TraceabilityChecker.fromConfig(dns, TraceabilityConfig.fromProperties(Map.of(), Path.of("."))));
    }

    @Test
    void aWellConfiguredSenderShouldHaveNoProblems() throws Exception {
        DNS.zone().txt("example.test", "v=spf1 ip4:192.0.2.10 -all")
            .ptr("192.0.2.10", "mx.example.test").a("mx.example.test", "192.0.2.10")
            .a("10.2.0.192.wl.test", "127.0.5.1");

        AuditReport report = audit.audit(InetAddress.getByName("192.0.2.10"), "example.test", "mx.example.test");

        assertThat(report.problems()).isEmpty();
        assertThat(report.ok()).isTrue();
        assertThat(report.asMap()).containsEntry("ok", true)
            .containsEntry("reverseDns", Map.of("confirmedPtr", "mx.example.test", "findings", List.of()));
        assertThat(((Map<?, ?>) report.asMap().get("spf")).get("result")).isEqualTo("pass");
    }

    @Test
    void aListedAddressWithoutPtrAndAWeakSpfShouldSayEachProblem() throws Exception {
        DNS.zone().txt("example.test", "v=spf1 ~all")
            .a("11.2.0.192.zen.test", "127.0.0.4")
            .fault("11.2.0.192.slow.test", Fault.TIMEOUT)
            .a("mx.example.test", "192.0.2.10");

        AuditReport report = audit.audit(InetAddress.getByName("192.0.2.11"), "example.test", "mx.example.test");

        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).anySatisfy(p -> assertThat(p).isEqualTo("192.0.2.11 is listed on zen (127.0.0.4)"))
            .anySatisfy(p -> assertThat(p).isEqualTo("slow.test did not answer: listing unknown"))
            .anySatisfy(p -> assertThat(p).isEqualTo("192.0.2.11 has no PTR record"))
            .anySatisfy(p -> assertThat(p).startsWith("SPF of example.test gives softfail for 192.0.2.11"))
            .anySatisfy(p -> assertThat(p).startsWith("not traceable to example.test"));
    }

    @Test
    void aListThatRefusesOurResolverShouldBeAProblemNotAClean() throws Exception {
        DNS.zone().txt("example.test", "v=spf1 ip4:192.0.2.12 -all")
            .ptr("192.0.2.12", "mx.example.test").a("mx.example.test", "192.0.2.12")
            .a("12.2.0.192.slow.test", "127.255.255.254");

        AuditReport report = audit.audit(InetAddress.getByName("192.0.2.12"), "example.test", "mx.example.test");

        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).containsExactly("slow.test answered 127.255.255.254 for 192.0.2.12: the list refuses this resolver "
            + "(queries through public or open resolvers are blocked); use your own resolver; not counted as a listing");
    }
}
