package org.tracewall.james.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tracewall.core.rate.RateConfig;
import org.tracewall.core.rate.RateLimiter;
import org.tracewall.core.store.InMemoryStateStore;

/** Connections per minute and the soft-bounce list, judged at the first HELO (two connections a minute here). */
class ConnectionRateHookTest {
    private RateLimiter limiter;
    private ConnectionRateHook hook;

    @BeforeEach
    void setUp() throws Exception {
        limiter = new RateLimiter(new InMemoryStateStore(), RateConfig.fromProperties(Map.of("rate.connectionsPerMinute", "2")));
        hook = new ConnectionRateHook(limiter);
        hook.init(new BaseHierarchicalConfiguration());
    }

    private HookResult connect(String client) {
        return hook.doHelo(new FakeSession(client), "mx.example.test");
    }

    @Test
    void initShouldRefuseAnyChildElement() {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty("connectionsPerMinute", "10");

        assertThatThrownBy(() -> hook.init(config))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("ConnectionRateHook: unknown element(s) <connectionsPerMinute> (it takes none)");
    }

    @Test
    void doHeloShouldDisconnectAClientOverItsConnectionsPerMinute() {
        assertThat(connect("192.0.2.9")).isEqualTo(HookResult.DECLINED);
        assertThat(connect("192.0.2.9")).isEqualTo(HookResult.DECLINED);

        HookResult result = connect("192.0.2.9");

        assertThat(result.getResult()).isEqualTo(HookReturnCode.disconnected(HookReturnCode.Action.DENYSOFT));
        assertThat(result.getSmtpRetCode()).isEqualTo("421");
        assertThat(result.getSmtpDescription()).isEqualTo("4.7.0 Too many connections from 192.0.2.9 (2 per minute); slow down");
    }

    @Test
    void doHeloShouldCountEachClientOnItsOwn() {
        connect("192.0.2.9");
        connect("192.0.2.9");

        assertThat(connect("198.51.100.1")).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void doHeloShouldCountAConnectionOnceHoweverOftenItGreets() {
        FakeSession session = new FakeSession("192.0.2.9");
        for (int i = 0; i < 3; i++) {
            assertThat(hook.doHelo(session, "mx.example.test")).isEqualTo(HookResult.DECLINED);
        }

        assertThat(connect("192.0.2.9")).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void doHeloShouldNeitherLimitNorCountClientsThatMayRelay() {
        for (int i = 0; i < 3; i++) {
            FakeSession session = new FakeSession("192.0.2.9");
            session.setRelayingAllowed(true);
            assertThat(hook.doHelo(session, "mx.example.test")).isEqualTo(HookResult.DECLINED);
        }

        assertThat(connect("192.0.2.9")).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void doHeloShouldDisconnectAClientOnTheSoftBounceList() throws Exception {
        limiter.softBounce(InetAddress.getByName("192.0.2.9"), Duration.ofHours(1));

        HookResult result = connect("192.0.2.9");

        assertThat(result.getResult()).isEqualTo(HookReturnCode.disconnected(HookReturnCode.Action.DENYSOFT));
        assertThat(result.getSmtpRetCode()).isEqualTo("421");
        assertThat(result.getSmtpDescription()).startsWith("4.7.0 ").contains("192.0.2.9");
    }
}
