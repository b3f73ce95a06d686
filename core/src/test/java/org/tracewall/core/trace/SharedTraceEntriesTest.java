package org.tracewall.core.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tracewall.core.net.IpNetwork;
import org.tracewall.core.store.InMemoryStateStore;

class SharedTraceEntriesTest {
    private final InMemoryStateStore store = new InMemoryStateStore();
    private final SharedTraceEntries thisNode = new SharedTraceEntries(() -> store, () -> 0L);
    private final SharedTraceEntries otherNode = new SharedTraceEntries(() -> store, () -> 10_000L);

    @Test
    void entriesShouldCoverSubdomainsTheMostSpecificWinning() throws Exception {
        thisNode.trust("Example.com", TrustedRegistry.Answer.UNTRUSTED);
        thisNode.trust("mail.example.com", TrustedRegistry.Answer.TRUSTED);
        thisNode.compensate("partner.org", List.of("192.0.2.0/24"));

        assertThat(thisNode.asRegistry().lookup("x.example.com")).isEqualTo(TrustedRegistry.Answer.UNTRUSTED);
        assertThat(thisNode.asRegistry().lookup("a.mail.example.com")).isEqualTo(TrustedRegistry.Answer.TRUSTED);
        assertThat(thisNode.asRegistry().lookup("example.org")).isEqualTo(TrustedRegistry.Answer.UNLISTED);
        assertThat(otherNode.compensated("eu.partner.org", InetAddress.getByName("192.0.2.9"))).as("another node, from the store")
            .contains(IpNetwork.parse("192.0.2.0/24"));
        assertThat(otherNode.compensated("partner.org", InetAddress.getByName("198.51.100.1"))).isEmpty();

        thisNode.untrust("example.com");
        thisNode.uncompensate("partner.org");
        assertThat(thisNode.asRegistry().lookup("x.example.com")).isEqualTo(TrustedRegistry.Answer.UNLISTED);
        assertThat(thisNode.compensationEntries()).isEmpty();
    }

    @Test
    void badEntriesShouldBeRefusedNamingThemAndKeepNothing() {
        assertThatThrownBy(() -> thisNode.compensate("partner.org", List.of("192.0.2.0/33"))).hasMessageContaining("compensation.partner.org");
        assertThatThrownBy(() -> thisNode.compensate("not a domain", List.of("192.0.2.0/24"))).hasMessageContaining("not a domain name");
        assertThatThrownBy(() -> thisNode.compensate("partner.org", List.of())).hasMessageContaining("compensation.partner.org");
        assertThatThrownBy(() -> thisNode.trust("bank.example", TrustedRegistry.Answer.UNLISTED)).hasMessageContaining("trusted or untrusted");
        assertThat(thisNode.compensationEntries()).isEmpty();
        assertThat(thisNode.registryEntries()).isEmpty();
    }
}
