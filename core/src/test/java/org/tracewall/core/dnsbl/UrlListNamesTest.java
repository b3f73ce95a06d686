package org.tracewall.core.dnsbl;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tracewall.core.domain.PublicSuffixList;
import org.tracewall.core.net.IpNetwork;

class UrlListNamesTest {
    private final PublicSuffixList psl = PublicSuffixList.bundled();

    @Test
    void hostsShouldBeAskedAsTheirRegistrableDomainOnceEach() {
        assertThat(UrlListNames.of(List.of("a.b.shop.example.co.uk", "shop.example.co.uk", "www.other.example", "co.uk", "192.0.2.7"), psl, 10))
            .containsExactly("example.co.uk", "other.example", "192.0.2.7");
    }

    @Test
    void theCountShouldBeBounded() {
        assertThat(UrlListNames.of(List.of("a.example", "b.example", "c.example"), psl, 2)).containsExactly("a.example", "b.example");
    }

    @Test
    void aMultiListShouldCountOnlyTheMaskedBits() throws Exception {
        DnsList multi = new DnsList("surbl", "multi.surbl.test", DnsList.Kind.URL, 1.0, List.of(IpNetwork.parse("127.0.0.0/8")), "x", 8 | 64);

        assertThat(multi.counts(InetAddress.getByName("127.0.0.8"))).isTrue();
        assertThat(multi.counts(InetAddress.getByName("127.0.0.72"))).isTrue();
        assertThat(multi.counts(InetAddress.getByName("127.0.0.4"))).isFalse();
        assertThat(multi.counts(InetAddress.getByName("127.255.255.255"))).as("an error answer, whatever its bits").isFalse();
    }
}
