package org.tracewall.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class PendingLookupsTest {
    /** Zones as the shipped code derives them, for names under .example. */
    private static final UnaryOperator<String> LAST_TWO_LABELS = d -> d.replaceAll("^.*?([^.]+\\.[^.]+)$", "$1");

    @Test
    void addressesOfOneNetworkShouldShareItsBoundAndBeLetInAgainWhenOneEnds() throws Exception {
        PendingLookups pending = bounds(2, 0, 0);

        Optional<PendingLookups.Permit> first = pending.tryEnter(ip("192.0.2.1"), null);
        assertThat(first).isPresent();
        assertThat(pending.tryEnter(ip("192.0.2.77"), null)).as("same /24").isPresent();
        assertThat(pending.tryEnter(ip("192.0.2.200"), null)).as("third of the /24").isEmpty();
        assertThat(pending.tryEnter(ip("192.0.3.1"), null)).as("another /24").isPresent();

        first.get().close();
        first.get().close();

        assertThat(pending.tryEnter(ip("192.0.2.1"), null)).isPresent();
        assertThat(pending.tryEnter(ip("192.0.2.1"), null)).as("a second close released nothing more").isEmpty();
        assertThat(pending.refusedCount()).isEqualTo(2);
    }

    @Test
    void ipv6ClientsShouldBeCountedPerSlash64() throws Exception {
        PendingLookups pending = bounds(1, 0, 0);

        assertThat(pending.tryEnter(ip("2001:db8:1:2::1"), null)).isPresent();
        assertThat(pending.tryEnter(ip("2001:db8:1:2:ffff::9"), null)).as("same /64").isEmpty();
        assertThat(pending.tryEnter(ip("2001:db8:1:3::1"), null)).as("another /64").isPresent();
    }

    @Test
    void sessionsAskingAboutOneZoneShouldBeBoundedWhateverTheirNetworks() throws Exception {
        PendingLookups pending = bounds(0, 2, 0);

        assertThat(pending.tryEnter(ip("192.0.2.1"), "a.slow.example")).isPresent();
        assertThat(pending.tryEnter(ip("198.51.100.1"), "b.slow.example")).isPresent();
        assertThat(pending.tryEnter(ip("203.0.113.1"), "C.SLOW.example")).as("third of slow.example").isEmpty();
        assertThat(pending.tryEnter(ip("203.0.113.1"), "fast.example")).isPresent();
    }

    @Test
    void allClientsTogetherShouldBeBoundedByTheTotalAndARefusalShouldConsumeNothing() throws Exception {
        PendingLookups pending = bounds(1, 0, 2);

        Optional<PendingLookups.Permit> held = pending.tryEnter(ip("192.0.2.1"), null);
        assertThat(pending.tryEnter(ip("192.0.2.2"), null)).as("network bound").isEmpty();
        assertThat(pending.tryEnter(ip("198.51.100.1"), null)).as("the refusal left the total at 1").isPresent();
        assertThat(pending.tryEnter(ip("203.0.113.1"), null)).as("total reached").isEmpty();
        assertThat(pending.pendingCount()).isEqualTo(2);

        held.get().close();

        assertThat(pending.tryEnter(ip("203.0.113.1"), null)).isPresent();
    }

    @Test
    void aDomainThatAnsweredRecentlyShouldPassEvenWhenEveryBoundIsReached() throws Exception {
        DnsResolver cache = new DnsResolver() {
            @Override
            public java.util.concurrent.CompletionStage<DnsAnswer<org.xbill.DNS.Record>> lookupAsync(org.xbill.DNS.Name n, int t) {
                return CompletableFuture.completedFuture(DnsAnswer.temporaryFailure("unused"));
            }

            @Override
            public boolean isCached(String name, int type) {
                return name.equals("known.example") && type == Type.TXT
                    || name.equals("7.2.0.192.in-addr.arpa.") && type == Type.PTR;
            }
        };
        PendingLookups pending = new PendingLookups(1, 1, 1, cache, LAST_TWO_LABELS);
        assertThat(pending.tryEnter(ip("192.0.2.1"), "slow.example")).isPresent();

        assertThat(pending.tryEnter(ip("192.0.2.1"), "unknown.example")).isEmpty();
        assertThat(pending.tryEnter(ip("192.0.2.1"), "Known.Example")).as("cached: no permit needed").isPresent();
        assertThat(pending.tryEnter(ip("192.0.2.8"), null)).as("a client not seen recently").isEmpty();
        assertThat(pending.tryEnter(ip("192.0.2.7"), null)).as("a client whose reverse name is cached").isPresent();
        assertThat(pending.pendingCount()).isEqualTo(1);
    }

    @Test
    void concurrentSessionsShouldNeverExceedABoundNorLeaveCountsBehind() throws Exception {
        PendingLookups pending = bounds(3, 0, 0);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            done.add(threads.submit(() -> {
                start.await();
                for (int i = 0; i < 20_000; i++) {
                    Optional<PendingLookups.Permit> permit = pending.tryEnter(ip("192.0.2." + (i % 5)), null);
                    if (permit.isPresent()) {
                        mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        inside.decrementAndGet();
                        permit.get().close();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (java.util.concurrent.Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        threads.shutdown();

        assertThat(mostInside.get()).isLessThanOrEqualTo(3);
        assertThat(pending.pendingCount()).isZero();
        for (int i = 0; i < 3; i++) {
            assertThat(pending.tryEnter(ip("192.0.2.9"), null)).as("no count left behind, permit " + i).isPresent();
        }
    }

    @Test
    void zeroShouldMeanNoBound() throws Exception {
        PendingLookups pending = PendingLookups.unbounded();
        for (int i = 0; i < 1000; i++) {
            assertThat(pending.tryEnter(ip("192.0.2.1"), "one.example")).isPresent();
        }
    }

    @Test
    void theBoundsShouldComeFromTheDnsSettingsWithTheKeyNamedWhenBad() {
        DnsConfig config = DnsConfig.fromProperties(
            Map.of("dns.pendingPerNetwork", "1", "dns.pendingPerZone", "3", "dns.pendingTotal", "5"));
        assertThat(Set.of(config.pendingPerNetwork(), config.pendingPerZone(), config.pendingTotal())).containsExactlyInAnyOrder(1, 3, 5);
        assertThat(config.pendingPerZone()).isEqualTo(3);
        DnsConfig defaults = DnsConfig.systemDefault();
        assertThat(List.of(defaults.pendingPerNetwork(), defaults.pendingPerZone(), defaults.pendingTotal())).containsExactly(4, 4, 16);

        assertThatThrownBy(() -> DnsConfig.fromProperties(Map.of("dns.pendingPerZone", "-1")))
            .hasMessageContaining("dns.pendingPerZone");
    }

    private static PendingLookups bounds(int perNetwork, int perZone, int total) {
        return new PendingLookups(perNetwork, perZone, total, DnsResolver.offline(), LAST_TWO_LABELS);
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }
}
