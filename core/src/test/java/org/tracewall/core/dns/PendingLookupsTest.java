package org.tracewall.core.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PendingLookupsTest {
    @Test
    void aClientShouldBeRefusedPastItsBoundAndLetInAgainWhenOneEnds() {
        PendingLookups pending = new PendingLookups(2, 0);

        assertThat(pending.tryEnter("192.0.2.1")).isTrue();
        assertThat(pending.tryEnter("192.0.2.1")).isTrue();
        assertThat(pending.tryEnter("192.0.2.1")).isFalse();
        assertThat(pending.tryEnter("192.0.2.2")).as("another client").isTrue();

        pending.exit("192.0.2.1");

        assertThat(pending.tryEnter("192.0.2.1")).isTrue();
        assertThat(pending.refusedCount()).isEqualTo(1);
    }

    @Test
    void allClientsTogetherShouldBeBoundedByTheTotal() {
        PendingLookups pending = new PendingLookups(0, 3);

        assertThat(pending.tryEnter("192.0.2.1")).isTrue();
        assertThat(pending.tryEnter("192.0.2.2")).isTrue();
        assertThat(pending.tryEnter("192.0.2.3")).isTrue();
        assertThat(pending.tryEnter("192.0.2.4")).isFalse();

        pending.exit("192.0.2.2");

        assertThat(pending.tryEnter("192.0.2.4")).isTrue();
    }

    @Test
    void aRefusalByTheClientBoundShouldNotConsumeTheTotal() {
        PendingLookups pending = new PendingLookups(1, 2);

        assertThat(pending.tryEnter("192.0.2.1")).isTrue();
        assertThat(pending.tryEnter("192.0.2.1")).isFalse();

        assertThat(pending.tryEnter("192.0.2.2")).as("the refused attempt left the total at 1").isTrue();
        assertThat(pending.tryEnter("192.0.2.3")).isFalse();
    }

    @Test
    void zeroShouldMeanNoBound() {
        PendingLookups pending = PendingLookups.unbounded();
        for (int i = 0; i < 1000; i++) {
            assertThat(pending.tryEnter("192.0.2.1")).isTrue();
        }
    }

    @Test
    void theBoundsShouldComeFromTheDnsSettingsWithTheKeyNamedWhenBad() {
        DnsConfig config = DnsConfig.fromProperties(Map.of("dns.pendingPerClient", "1", "dns.pendingTotal", "5"));
        assertThat(config.pendingPerClient()).isEqualTo(1);
        assertThat(config.pendingTotal()).isEqualTo(5);
        assertThat(DnsConfig.systemDefault().pendingPerClient()).isEqualTo(2);
        assertThat(DnsConfig.systemDefault().pendingTotal()).isEqualTo(8);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DnsConfig.fromProperties(Map.of("dns.pendingTotal", "-1")))
            .hasMessageContaining("dns.pendingTotal");
    }
}
