package org.tracewall.james.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.protocols.api.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Simultaneous connections per client address, at most two here. */
class ConnectionsPerClientHandlerTest {
    private ConnectionsPerClientHandler handler;

    @BeforeEach
    void setUp() throws Exception {
        handler = new ConnectionsPerClientHandler();
        handler.init(config("maxPerClient", "2"));
    }

    private static BaseHierarchicalConfiguration config(String key, String value) {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty(key, value);
        return config;
    }

    private FakeSession connected(String client) {
        FakeSession session = new FakeSession(client);
        assertThat(handler.onConnect(session).getRetCode()).as("let through").isEmpty();
        return session;
    }

    @Test
    void initShouldRefuseALimitOfZero() {
        assertThatThrownBy(() -> handler.init(config("maxPerClient", "0")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("ConnectionsPerClientHandler: Invalid value for '<maxPerClient>': '0' (expected an integer from 1 to 100000)");
    }

    @Test
    void initShouldRefuseAMisspeltElement() {
        assertThatThrownBy(() -> handler.init(config("maxPerIp", "2")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("ConnectionsPerClientHandler: unknown element(s) <maxPerIp> (known: maxPerClient)");
    }

    @Test
    void onConnectShouldLetTheBannerThroughWithinTheLimit() {
        Response response = handler.onConnect(new FakeSession("192.0.2.9"));

        assertThat(response.getRetCode()).isEmpty();
        assertThat(response.getLines()).isEmpty();
        assertThat(response.isEndSession()).isFalse();
    }

    @Test
    void onConnectShouldRefuseTheConnectionPastTheLimitWith421AndClose() {
        connected("192.0.2.9");
        connected("192.0.2.9");

        Response response = handler.onConnect(new FakeSession("192.0.2.9"));

        assertThat(response.getRetCode()).isEqualTo("421");
        assertThat(response.getLines()).hasSize(1).first().asString()
            .endsWith("4.7.0 Too many connections from 192.0.2.9 (at most 2); try again later");
        assertThat(response.isEndSession()).isTrue();
    }

    @Test
    void onConnectShouldCountEachClientOnItsOwn() {
        connected("192.0.2.9");
        connected("192.0.2.9");

        connected("198.51.100.1");
    }

    @Test
    void onDisconnectShouldFreeThePlaceOfTheClosedConnection() {
        FakeSession first = connected("192.0.2.9");
        connected("192.0.2.9");

        handler.onDisconnect(first);

        connected("192.0.2.9");
    }

    @Test
    void everyConnectionClosedShouldLeaveNothingCounted() {
        FakeSession first = connected("192.0.2.9");
        FakeSession second = connected("192.0.2.9");
        FakeSession refused = new FakeSession("192.0.2.9");
        handler.onConnect(refused);

        handler.onDisconnect(refused);
        handler.onDisconnect(second);
        handler.onDisconnect(first);

        assertThat(handler.openConnections("192.0.2.9")).isZero();
    }

    @Test
    void onDisconnectOfASessionNeverCountedShouldFreeNothing() {
        connected("192.0.2.9");
        connected("192.0.2.9");

        handler.onDisconnect(new FakeSession("192.0.2.9"));

        assertThat(handler.openConnections("192.0.2.9")).isEqualTo(2);
    }
}
