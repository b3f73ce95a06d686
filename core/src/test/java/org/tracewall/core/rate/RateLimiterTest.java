package org.tracewall.core.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.tracewall.core.store.InMemoryStateStore;
import org.tracewall.core.store.StoreUnavailableException;

class RateLimiterTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final InMemoryStateStore store = new InMemoryStateStore(now::get);

    private RateLimiter limiter(Map<String, String> properties) {
        return new RateLimiter(store, RateConfig.fromProperties(properties), now::get);
    }

    private static InetAddress ip(String address) throws Exception {
        return InetAddress.getByName(address);
    }

    @Test
    void onMailShouldDeferTheMessageOverTheClientLimitAndAllowAgainAfterTheWindow() throws Exception {
        RateLimiter limiter = limiter(Map.of("rate.messagesPer15m", "2", "rate.dsl.strikes", "0"));

        assertThat(limiter.onMail(ip("192.0.2.1"), "a@example.com", Optional.empty()).isAllowed()).isTrue();
        assertThat(limiter.onMail(ip("192.0.2.1"), "b@example.com", Optional.empty()).isAllowed()).isTrue();
        RateDecision third = limiter.onMail(ip("192.0.2.1"), "c@example.com", Optional.empty());
        assertThat(third.outcome()).isEqualTo(RateDecision.Outcome.DEFER);
        assertThat(third.limit()).isEqualTo("messagesPer15m");

        now.addAndGet(Duration.ofMinutes(16).toMillis());
        assertThat(limiter.onMail(ip("192.0.2.1"), "d@example.com", Optional.empty()).isAllowed()).isTrue();
    }

    @Test
    void onMailShouldLimitTheSenderAndTheAuthenticatedUserAcrossClients() throws Exception {
        RateLimiter limiter = limiter(Map.of("rate.senderMessagesPer15m", "1", "rate.userMessagesPer15m", "2"));

        assertThat(limiter.onMail(ip("192.0.2.1"), "news@example.com", Optional.empty()).isAllowed()).isTrue();
        assertThat(limiter.onMail(ip("198.51.100.1"), "news@example.com", Optional.empty()).limit())
            .isEqualTo("senderMessagesPer15m");

        assertThat(limiter.onMail(ip("192.0.2.2"), "x1@example.org", Optional.of("bob")).isAllowed()).isTrue();
        assertThat(limiter.onMail(ip("192.0.2.3"), "x2@example.org", Optional.of("bob")).isAllowed()).isTrue();
        assertThat(limiter.onMail(ip("192.0.2.4"), "x3@example.org", Optional.of("bob")).limit()).isEqualTo("userMessagesPer15m");
    }

    @Test
    void aPolicyGroupShouldHaveItsOwnLimits() throws Exception {
        RateLimiter limiter = limiter(Map.of("rate.messagesPer15m", "1", "rate.group.partners.clients", "198.51.100.0/24",
            "rate.group.partners.messagesPer15m", "3"));

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.onMail(ip("198.51.100.7"), "p" + i + "@partner.example", Optional.empty()).isAllowed()).isTrue();
        }
        assertThat(limiter.onMail(ip("198.51.100.7"), "p9@partner.example", Optional.empty()).isAllowed()).isFalse();
        assertThat(limiter.onMail(ip("192.0.2.9"), "a@x.example", Optional.empty()).isAllowed()).isTrue();
        assertThat(limiter.onMail(ip("192.0.2.9"), "b@x.example", Optional.empty()).isAllowed()).isFalse();
    }

    @Test
    void aClientThatKeepsExceedingShouldGoOnTheSoftBounceListAndComeOffIt() throws Exception {
        RateLimiter limiter = limiter(Map.of("rate.messagesPer15m", "1", "rate.dsl.strikes", "2", "rate.dsl.duration", "30m"));
        limiter.onMail(ip("203.0.113.5"), "a@example.com", Optional.empty());
        limiter.onMail(ip("203.0.113.5"), "b@example.com", Optional.empty());
        limiter.onMail(ip("203.0.113.5"), "c@example.com", Optional.empty());
        now.addAndGet(Duration.ofMinutes(16).toMillis());

        RateDecision listed = limiter.onMail(ip("203.0.113.5"), "d@example.com", Optional.empty());
        assertThat(listed.limit()).isEqualTo("dsl");
        assertThat(listed.text()).contains("high-frequency soft-bounce list");
        assertThat(limiter.onConnect(ip("203.0.113.5")).outcome()).isEqualTo(RateDecision.Outcome.DISCONNECT);
        assertThat(limiter.softBounceList()).containsKey("203.0.113.5");

        now.addAndGet(Duration.ofMinutes(31).toMillis());
        assertThat(limiter.onMail(ip("203.0.113.5"), "e@example.com", Optional.empty()).isAllowed()).isTrue();
        assertThat(limiter.softBounceList()).isEmpty();
    }

    @Test
    void onConnectShouldDisconnectOverTheConnectionRate() throws Exception {
        RateLimiter limiter = limiter(Map.of("rate.connectionsPerMinute", "2"));

        assertThat(limiter.onConnect(ip("192.0.2.1")).isAllowed()).isTrue();
        assertThat(limiter.onConnect(ip("192.0.2.1")).isAllowed()).isTrue();
        assertThat(limiter.onConnect(ip("192.0.2.1")).outcome()).isEqualTo(RateDecision.Outcome.DISCONNECT);
    }

    @Test
    void onRcptShouldDeferPastTheRecipientLimit() throws Exception {
        RateLimiter limiter = limiter(Map.of("rate.recipientsPerMessage", "2"));

        assertThat(limiter.onRcpt(ip("192.0.2.1"), "a@example.com", 2).isAllowed()).isTrue();
        assertThat(limiter.onRcpt(ip("192.0.2.1"), "a@example.com", 3).limit()).isEqualTo("recipientsPerMessage");
    }

    @Test
    void exemptClientsShouldNeverBeLimited() throws Exception {
        RateLimiter limiter = limiter(Map.of("rate.messagesPer15m", "1", "rate.exempt.clients", "192.0.2.0/24"));

        for (int i = 0; i < 5; i++) {
            assertThat(limiter.onMail(ip("192.0.2.50"), "a@example.com", Optional.empty()).isAllowed()).isTrue();
        }
    }

    @Test
    void aStoreThatIsDownShouldLetMailThrough() throws Exception {
        RateLimiter limiter = new RateLimiter(new InMemoryStateStore() {
            @Override
            public Optional<String> get(String key) {
                throw new StoreUnavailableException("down", null);
            }
        }, RateConfig.defaults());

        assertThat(limiter.onMail(ip("192.0.2.1"), "a@example.com", Optional.empty()).isAllowed()).isTrue();
        assertThat(limiter.failOpenCount()).isEqualTo(1);
    }

    @Test
    void countersShouldShowTheCurrentWindows() throws Exception {
        RateLimiter limiter = limiter(Map.of());
        limiter.onMail(ip("192.0.2.1"), "a@example.com", Optional.empty());
        limiter.onMail(ip("192.0.2.1"), "a@example.com", Optional.empty());

        assertThat(limiter.counters(ip("192.0.2.1"), "a@example.com"))
            .containsEntry("clientMessagesPer15m", 2L).containsEntry("senderMessagesPer15m", 2L);
    }

    @Test
    void configShouldNameAnUnknownKey() {
        assertThatThrownBy(() -> RateConfig.fromProperties(Map.of("rate.mesagesPer15m", "5"))).hasMessageContaining("rate.mesagesPer15m");
        assertThatThrownBy(() -> RateConfig.fromProperties(Map.of("rate.group.x.limit", "5"))).hasMessageContaining("rate.group.x.limit");
        assertThatThrownBy(() -> RateConfig.fromProperties(Map.of("rate.messagesPer15m", "-1"))).hasMessageContaining("rate.messagesPer15m");
    }
}
