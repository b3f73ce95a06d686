package org.tracewall.core.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tracewall.testing.dns.Fault;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

class DnsJavaResolverTest {
    private static LoopbackDnsServer dns;
    private DnsJavaResolver resolver;

    @BeforeAll
    static void startDns() throws IOException {
        dns = LoopbackDnsServer.start();
    }

    @AfterAll
    static void stopDns() {
        dns.close();
    }

    @BeforeEach
    void setUp() {
        dns.zone().clear();
        dns.resetQueries();
        resolver = DnsJavaResolver.create(config());
    }

    /**
     * Questions about {@code name} over UDP or TCP. Counted by name: a retry that an earlier
     * test's lookup left in flight after its deadline may still arrive.
     */
    private static long asked(String name, boolean overUdp) {
        return dns.questions().stream()
            .filter(q -> q.name().replaceAll("\\.$", "").equalsIgnoreCase(name) && q.overUdp() == overUdp).count();
    }

    private static DnsConfig config() {
        return DnsConfig.builder()
            .server(dns.address())
            .timeout(Duration.ofMillis(400))
            .retries(0)
            .deadline(Duration.ofSeconds(2))
            .build();
    }

    @Test
    void addressesShouldReturnARecords() throws Exception {
        dns.zone().a("mx1.example.com", "192.0.2.10", "192.0.2.11");

        DnsAnswer<InetAddress> answer = resolver.addresses("mx1.example.com", false);

        assertThat(answer.status()).isEqualTo(DnsStatus.OK);
        assertThat(answer.records()).containsExactlyInAnyOrder(
            InetAddress.getByName("192.0.2.10"), InetAddress.getByName("192.0.2.11"));
    }

    @Test
    void addressesShouldReturnAaaaRecordsWhenIpv6() throws Exception {
        dns.zone().aaaa("mx1.example.com", "2001:db8::25");

        assertThat(resolver.addresses("mx1.example.com", true).records())
            .containsExactly(InetAddress.getByName("2001:db8::25"));
    }

    @Test
    void mxShouldReturnPreferenceAndExchangeWithoutTrailingDot() {
        dns.zone().mx("example.com", 10, "mx1.example.com").mx("example.com", 20, "mx2.example.com");

        assertThat(resolver.mx("example.com").records())
            .containsExactlyInAnyOrder(new MxRecord(10, "mx1.example.com"), new MxRecord(20, "mx2.example.com"));
    }

    @Test
    void txtShouldConcatenateTheStringsOfOneRecord() {
        dns.zone().txt("example.com", "v=spf1 ip4:192.0.2.0/24 ", "-all");

        assertThat(resolver.txt("example.com").records()).containsExactly("v=spf1 ip4:192.0.2.0/24 -all");
    }

    @Test
    void ptrShouldResolveIpv4AndIpv6ReverseNames() throws Exception {
        dns.zone().ptr("192.0.2.10", "mail.example.com").ptr("2001:db8::25", "mail6.example.com");

        assertThat(resolver.ptr(InetAddress.getByName("192.0.2.10")).records()).containsExactly("mail.example.com");
        assertThat(resolver.ptr(InetAddress.getByName("2001:db8::25")).records()).containsExactly("mail6.example.com");
        assertThat(dns.questions()).extracting(LoopbackDnsServer.Question::name)
            .anyMatch(n -> n.endsWith(".ip6.arpa"));
    }

    @Test
    void lookupShouldFollowCnameChains() throws Exception {
        dns.zone().cname("www.example.com", "web.example.net").cname("web.example.net", "host.example.org")
            .a("host.example.org", "198.51.100.7");

        assertThat(resolver.addresses("www.example.com", false).records())
            .containsExactly(InetAddress.getByName("198.51.100.7"));
    }

    @Test
    void lookupShouldGiveNoSuchNameForNxdomain() {
        assertThat(resolver.addresses("nowhere.example.com", false).status()).isEqualTo(DnsStatus.NO_SUCH_NAME);
    }

    @Test
    void lookupShouldGiveNoDataWhenTheNameHasOtherTypesOnly() {
        dns.zone().a("example.com", "192.0.2.1");

        assertThat(resolver.mx("example.com").status()).isEqualTo(DnsStatus.NO_DATA);
    }

    @Test
    void lookupShouldGiveNoDataForAnEmptyNonTerminal() {
        dns.zone().a("a.b.example.com", "192.0.2.1");

        assertThat(resolver.addresses("b.example.com", false).status()).isEqualTo(DnsStatus.NO_DATA);
    }

    @Test
    void lookupShouldGiveTemporaryFailureOnServfail() {
        dns.zone().a("example.com", "192.0.2.1").fault("example.com", Fault.SERVFAIL);

        DnsAnswer<InetAddress> answer = resolver.addresses("example.com", false);

        assertThat(answer.status()).isEqualTo(DnsStatus.TEMPORARY_FAILURE);
        assertThat(answer.reason()).isEqualTo("SERVFAIL");
    }

    @Test
    void lookupShouldGiveTemporaryFailureOnTimeout() {
        dns.zone().a("slow.example.com", "192.0.2.1").fault("slow.example.com", Fault.TIMEOUT);

        DnsAnswer<InetAddress> answer = resolver.addresses("slow.example.com", false);

        assertThat(answer.status()).isEqualTo(DnsStatus.TEMPORARY_FAILURE);
        assertThat(answer.reason()).isEqualTo("timeout");
    }

    @Test
    void lookupShouldGiveTemporaryFailureWhenTheDeadlinePassesBeforeRetriesEnd() {
        DnsJavaResolver patient = DnsJavaResolver.create(DnsConfig.builder().server(dns.address())
            .timeout(Duration.ofMillis(300)).retries(5).deadline(Duration.ofMillis(500)).build());
        dns.zone().fault("slow.example.com", Fault.TIMEOUT);

        assertThat(patient.addresses("slow.example.com", false).status()).isEqualTo(DnsStatus.TEMPORARY_FAILURE);
    }

    @Test
    void lookupShouldGiveTemporaryFailureWhenNoServerListens() throws Exception {
        int deadPort;
        try (LoopbackDnsServer other = LoopbackDnsServer.start()) {
            deadPort = other.port();
        }
        DnsJavaResolver toNowhere = DnsJavaResolver.create(DnsConfig.builder().server("127.0.0.1", deadPort)
            .timeout(Duration.ofMillis(300)).retries(0).deadline(Duration.ofSeconds(1)).build());

        assertThat(toNowhere.addresses("example.com", false).status()).isEqualTo(DnsStatus.TEMPORARY_FAILURE);
    }

    @Test
    void lookupShouldGivePermanentFailureOnRefused() {
        dns.zone().fault("example.com", Fault.REFUSED);

        assertThat(resolver.addresses("example.com", false).status()).isEqualTo(DnsStatus.PERMANENT_FAILURE);
    }

    @Test
    void lookupShouldGiveTemporaryFailureOnGarbage() {
        dns.zone().fault("example.com", Fault.GARBAGE);

        DnsAnswer<InetAddress> answer = resolver.addresses("example.com", false);

        assertThat(answer.status()).isEqualTo(DnsStatus.TEMPORARY_FAILURE);
    }

    @Test
    void lookupShouldRetryOverTcpWhenTheUdpAnswerIsTruncated() throws Exception {
        dns.zone().a("big.example.com", "192.0.2.1").fault("big.example.com", Fault.TRUNCATE);

        DnsAnswer<InetAddress> answer = resolver.addresses("big.example.com", false);

        assertThat(answer.records()).containsExactly(InetAddress.getByName("192.0.2.1"));
        assertThat(asked("big.example.com", true)).isEqualTo(1);
        assertThat(asked("big.example.com", false)).isEqualTo(1);
    }

    @Test
    void lookupShouldReadAnswersLargerThanOneUdpDatagram() {
        for (int i = 0; i < 30; i++) {
            dns.zone().txt("large.example.com", "record number " + i + " padding padding padding padding");
        }

        DnsAnswer<String> answer = resolver.txt("large.example.com");

        assertThat(answer.records()).hasSize(30);
        assertThat(asked("large.example.com", false)).isEqualTo(1);
    }

    @Test
    void lookupShouldGivePermanentFailureForAMalformedName() {
        assertThat(resolver.txt("a..b").status()).isEqualTo(DnsStatus.PERMANENT_FAILURE);
        assertThat(resolver.txt("x".repeat(64) + ".example.com").status()).isEqualTo(DnsStatus.PERMANENT_FAILURE);
    }

    @Test
    void lookupShouldAnswerRepeatedQuestionsFromTheCache() {
        dns.zone().a("example.com", "192.0.2.1");

        resolver.addresses("example.com", false);
        resolver.addresses("example.com", false);
        resolver.addresses("nowhere.example.com", false);
        resolver.addresses("nowhere.example.com", false);

        assertThat(asked("example.com", true)).isEqualTo(1);
        assertThat(asked("nowhere.example.com", true)).isEqualTo(1);
        assertThat(resolver.cachedAnswers()).isEqualTo(2);
    }

    @Test
    void lookupShouldNotCacheTemporaryFailures() {
        dns.zone().a("example.com", "192.0.2.1").fault("example.com", Fault.SERVFAIL);
        assertThat(resolver.addresses("example.com", false).isTemporaryFailure()).isTrue();

        dns.zone().fault("example.com", Fault.NONE);

        assertThat(resolver.addresses("example.com", false).isOk()).isTrue();
    }

    @Test
    void cacheShouldExpireAnswersAfterTheirTtl() throws Exception {
        AtomicLong now = new AtomicLong();
        SimpleResolver simple = new SimpleResolver(dns.address());
        simple.setTimeout(Duration.ofMillis(400));
        DnsJavaResolver withClock = new DnsJavaResolver(new ExtendedResolver(new SimpleResolver[] {simple}), config(),
            new DnsCache(100, Duration.ofHours(1), now::get));
        dns.zone().a("example.com", "192.0.2.1");

        withClock.lookup("example.com", Type.A);
        now.addAndGet(Duration.ofSeconds(299).toNanos());
        withClock.lookup("example.com", Type.A);
        assertThat(asked("example.com", true)).isEqualTo(1);

        now.addAndGet(Duration.ofSeconds(2).toNanos());
        DnsAnswer<Record> refreshed = withClock.lookup("example.com", Type.A);
        assertThat(refreshed.isOk()).isTrue();
        assertThat(asked("example.com", true)).isEqualTo(2);
    }

    @Test
    void cacheShouldEvictTheLeastRecentlyUsedAnswerWhenFull() {
        DnsCache cache = new DnsCache(2, Duration.ofHours(1), () -> 0L);
        DnsAnswer<Record> answer = DnsAnswer.noData();
        cache.put(org.xbill.DNS.Name.root, Type.A, answer, 60);
        cache.put(org.xbill.DNS.Name.root, Type.MX, answer, 60);
        cache.get(org.xbill.DNS.Name.root, Type.A);
        cache.put(org.xbill.DNS.Name.root, Type.TXT, answer, 60);

        assertThat(cache.get(org.xbill.DNS.Name.root, Type.MX)).isNull();
        assertThat(cache.get(org.xbill.DNS.Name.root, Type.A)).isEqualTo(answer);
        assertThat(cache.size()).isEqualTo(2);
    }
}
