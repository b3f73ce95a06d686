package org.tracewall.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DnsConfigTest {

    @Test
    void fromPropertiesShouldRejectABadPortNamingTheKey() {
        assertThatThrownBy(() -> DnsConfig.fromProperties(Map.of("dns.servers", "127.0.0.1:99999")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("dns.servers");
    }

    @Test
    void fromPropertiesShouldRejectAnUnknownDnsKey() {
        assertThatThrownBy(() -> DnsConfig.fromProperties(Map.of("dns.server", "127.0.0.1")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("dns.server");
    }

    @Test
    void fromPropertiesShouldRejectABadDurationNamingTheKey() {
        assertThatThrownBy(() -> DnsConfig.fromProperties(Map.of("dns.timeout", "soon")))
            .hasMessageContaining("dns.timeout");
    }

    @Test
    void fromPropertiesShouldRejectADeadlineShorterThanTheTimeout() {
        assertThatThrownBy(() -> DnsConfig.fromProperties(Map.of("dns.timeout", "5s", "dns.deadline", "1s")))
            .hasMessageContaining("dns.deadline");
    }

    @Test
    void fromPropertiesShouldReadServersWithAndWithoutPorts() {
        DnsConfig config = DnsConfig.fromProperties(Map.of(
            "dns.servers", "127.0.0.1:5353, [::1]:5354 127.0.0.2",
            "dns.timeout", "500ms", "dns.deadline", "3s", "dns.retries", "2"));

        assertThat(config.servers()).containsExactly(
            new InetSocketAddress("127.0.0.1", 5353), new InetSocketAddress("::1", 5354),
            new InetSocketAddress("127.0.0.2", 53));
        assertThat(config.timeout().toMillis()).as("parsed dns.timeout").isEqualTo(500);
        assertThat(config.deadline().toMillis()).as("parsed dns.deadline").isEqualTo(3000);
        assertThat(config.retries()).isEqualTo(2);
    }

    @Test
    void effectiveServersShouldFallBackToTheSystemWhenNoneConfigured() {
        assertThat(DnsConfig.systemDefault().effectiveServers()).isNotEmpty();
    }
}
