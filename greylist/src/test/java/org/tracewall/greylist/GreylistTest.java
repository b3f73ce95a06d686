package org.tracewall.greylist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.tracewall.core.store.InMemoryStateStore;
import org.tracewall.core.store.StateStore;
import org.tracewall.core.store.StoreUnavailableException;

class GreylistTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final InMemoryStateStore store = new InMemoryStateStore(now::get);

    private Greylist greylist(Map<String, String> properties) {
        return new Greylist(store, GreylistConfig.fromProperties(properties), now::get);
    }

    private static InetAddress ip(String address) throws Exception {
        return InetAddress.getByName(address);
    }

    @Test
    void aNewTripletShouldBeDeferredForTheDelay() throws Exception {
        GreylistVerdict verdict = greylist(Map.of()).check(ip("192.0.2.7"), "a@example.com", "b@example.net");

        assertThat(verdict.isDeferred()).isTrue();
        assertThat(verdict.retryAfter().toSeconds()).as("seconds to wait").isEqualTo(300);
    }

    @Test
    void aRetryBeforeTheDelayShouldStillBeDeferredWithTheRemainingTime() throws Exception {
        Greylist greylist = greylist(Map.of());
        greylist.check(ip("192.0.2.7"), "a@example.com", "b@example.net");
        now.addAndGet(100_000);

        GreylistVerdict verdict = greylist.check(ip("192.0.2.7"), "a@example.com", "b@example.net");

        assertThat(verdict.isDeferred()).isTrue();
        assertThat(verdict.retryAfter().toSeconds()).as("seconds to wait").isEqualTo(200);
    }

    @Test
    void aRetryAfterTheDelayFromTheSameSlash24ShouldPassAndStayPassed() throws Exception {
        Greylist greylist = greylist(Map.of());
        greylist.check(ip("192.0.2.7"), "a@example.com", "b@example.net");
        now.addAndGet(301_000);

        assertThat(greylist.check(ip("192.0.2.8"), "a@example.com", "b@example.net").outcome())
            .isEqualTo(GreylistVerdict.Outcome.PASS);
        now.addAndGet(Duration.ofDays(10).toMillis());
        assertThat(greylist.check(ip("192.0.2.9"), "a@example.com", "b@example.net").reason()).isEqualTo("known triplet");
    }

    @Test
    void aFirstAttemptShouldBeForgottenAfterTheRetryWindow() throws Exception {
        Greylist greylist = greylist(Map.of());
        greylist.check(ip("192.0.2.7"), "a@example.com", "b@example.net");
        now.addAndGet(Duration.ofDays(3).toMillis());

        assertThat(greylist.check(ip("192.0.2.7"), "a@example.com", "b@example.net").reason()).isEqualTo("new triplet");
    }

    @Test
    void aClientShouldBeAutoWhitelistedAfterEnoughPassedTriplets() throws Exception {
        Greylist greylist = greylist(Map.of("greylist.autoWhitelistAfter", "2"));
        for (String rcpt : new String[] {"one@example.net", "two@example.net"}) {
            greylist.check(ip("198.51.100.5"), "a@example.com", rcpt);
            now.addAndGet(301_000);
            greylist.check(ip("198.51.100.5"), "a@example.com", rcpt);
        }

        GreylistVerdict verdict = greylist.check(ip("198.51.100.200"), "other@example.org", "three@example.net");

        assertThat(verdict.outcome()).isEqualTo(GreylistVerdict.Outcome.PASS);
        assertThat(verdict.reason()).isEqualTo("auto-whitelisted client 198.51.100.0/24");
    }

    @Test
    void configuredAndRunTimeWhitelistsShouldPass() throws Exception {
        Greylist greylist = greylist(Map.of("greylist.whitelist.clients", "203.0.113.0/24",
            "greylist.whitelist.recipients", "postmaster@example.net"));
        greylist.whitelist(Greylist.ListKind.SENDERS, "Partner.Example");

        assertThat(greylist.check(ip("203.0.113.9"), "x@y.example", "b@example.net").reason())
            .isEqualTo("whitelisted client 203.0.113.0/24");
        assertThat(greylist.check(ip("192.0.2.1"), "news@mail.partner.example", "b@example.net").reason())
            .isEqualTo("whitelisted sender partner.example");
        assertThat(greylist.check(ip("192.0.2.1"), "x@y.example", "postmaster@example.net").reason())
            .isEqualTo("whitelisted recipient postmaster@example.net");

        greylist.unwhitelist(Greylist.ListKind.SENDERS, "partner.example");
        assertThat(greylist.check(ip("192.0.2.1"), "news@mail.partner.example", "b@example.net").isDeferred()).isTrue();
    }

    @Test
    void aWhitelistEntryAddedOnAnotherNodeShouldApplyOnceTheListCacheExpires() throws Exception {
        Greylist thisNode = greylist(Map.of());
        Greylist otherNode = greylist(Map.of());
        assertThat(thisNode.check(ip("192.0.2.1"), "a@partner.example", "b@example.net").isDeferred()).isTrue();

        otherNode.whitelist(Greylist.ListKind.SENDERS, "partner.example");
        now.addAndGet(Greylist.LIST_CACHE_MILLIS);

        assertThat(thisNode.check(ip("192.0.2.1"), "c@partner.example", "b@example.net").reason())
            .isEqualTo("whitelisted sender partner.example");
    }

    @Test
    void ipv6ClientsShouldBeGroupedBySlash64() throws Exception {
        Greylist greylist = greylist(Map.of());
        greylist.check(ip("2001:db8:1:2::10"), "a@example.com", "b@example.net");
        now.addAndGet(301_000);

        assertThat(greylist.check(ip("2001:db8:1:2::99"), "a@example.com", "b@example.net").outcome())
            .isEqualTo(GreylistVerdict.Outcome.PASS);
    }

    @Test
    void normalizeSenderShouldStripBatvSrsAndVerpNumbers() {
        assertThat(Greylist.normalizeSender("prvs=1234abcd=Bounce@Example.com")).isEqualTo("bounce@example.com");
        assertThat(Greylist.normalizeSender("SRS0=HHH=TT=orig.example=alice@forwarder.example")).isEqualTo("alice@orig.example");
        assertThat(Greylist.normalizeSender("bounce-12345-678@lists.example")).isEqualTo("bounce-#-#@lists.example");
        assertThat(Greylist.normalizeSender("")).isEmpty();
    }

    @Test
    void validateShouldRefuseMalformedEntries() {
        assertThatThrownBy(() -> Greylist.validate(Greylist.ListKind.CLIENTS, "300.1.1.1"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Greylist.validate(Greylist.ListKind.SENDERS, "not a domain"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(Greylist.validate(Greylist.ListKind.CLIENTS, "192.0.2.77/24")).isEqualTo("192.0.2.0/24");
    }

    @Test
    void aStoreThatIsDownShouldLetMailThroughAndBeCounted() throws Exception {
        StateStore down = new InMemoryStateStore() {
            @Override
            public Optional<String> get(String key) {
                throw new StoreUnavailableException("down", null);
            }

            @Override
            public Set<String> members(String set) {
                throw new StoreUnavailableException("down", null);
            }
        };
        Greylist greylist = new Greylist(down, GreylistConfig.defaults());

        GreylistVerdict verdict = greylist.check(ip("192.0.2.7"), "a@example.com", "b@example.net");

        assertThat(verdict.outcome()).isEqualTo(GreylistVerdict.Outcome.FAIL_OPEN);
        assertThat(greylist.failOpenCount()).isEqualTo(1);
    }

    @Test
    void configShouldNameABadKey() {
        assertThatThrownBy(() -> GreylistConfig.fromProperties(Map.of("greylist.dealy", "5m"))).hasMessageContaining("greylist.dealy");
        assertThatThrownBy(() -> GreylistConfig.fromProperties(Map.of("greylist.delay", "3d"))).hasMessageContaining("greylist.retryWindow");
    }
}
