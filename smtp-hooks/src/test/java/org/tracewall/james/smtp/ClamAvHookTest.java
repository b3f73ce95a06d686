package org.tracewall.james.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;

/** The hook's configuration and its answers when clamd cannot scan (a loopback port nobody listens on). */
class ClamAvHookTest {
    private static BaseHierarchicalConfiguration config(String... keysAndValues) {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.addProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return config;
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static FakeMail mail() throws Exception {
        byte[] raw = "From: a@example.test\r\nSubject: s\r\n\r\nbody\r\n".getBytes(StandardCharsets.UTF_8);
        return FakeMail.builder().name("m1").sender("a@example.test").recipient("bob@tracewall.local")
            .mimeMessage(new MimeMessageWrapper(MimeMessageInputStreamSource.create("m1", new ByteArrayInputStream(raw)))).build();
    }

    @Test
    void initShouldNameAnUnknownInfectedAction() {
        assertThatThrownBy(() -> new ClamAvHook().init(config("infected", "drop")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("ClamAvHook: Invalid value for '<infected>': 'drop' (expected one of reject, quarantine)");
    }

    @Test
    void initShouldNameAnUnknownUnavailableAction() {
        assertThatThrownBy(() -> new ClamAvHook().init(config("unavailable", "ignore")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("ClamAvHook: Invalid value for '<unavailable>': 'ignore' (expected one of defer, accept)");
    }

    @Test
    void initShouldRefuseAChildElementItDoesNotTake() {
        assertThatThrownBy(() -> new ClamAvHook().init(config("hostname", "127.0.0.1")))
            .isInstanceOf(ConfigurationException.class).hasMessageContaining("hostname");
    }

    @Test
    void initShouldRefuseAPortThatIsNotOne() {
        assertThatThrownBy(() -> new ClamAvHook().init(config("port", "clamd")))
            .isInstanceOf(ConfigurationException.class).hasMessageContaining("clamd");
    }

    @Test
    void clamdDownShouldDeferByDefault() throws Exception {
        ClamAvHook hook = new ClamAvHook();
        hook.init(config("host", "127.0.0.1", "port", String.valueOf(closedPort()), "timeout", "2s"));

        HookResult result = hook.onMessage(new FakeSession("192.0.2.9"), mail());

        assertThat(result.getResult()).isEqualTo(HookReturnCode.denySoft());
        assertThat(result.getSmtpRetCode()).isEqualTo("451");
    }

    @Test
    void clamdDownShouldAcceptMarkedWhenTheOperatorSaysSo() throws Exception {
        ClamAvHook hook = new ClamAvHook();
        hook.init(config("host", "127.0.0.1", "port", String.valueOf(closedPort()), "timeout", "2s", "unavailable", "accept"));
        FakeMail mail = mail();

        assertThat(hook.onMessage(new FakeSession("192.0.2.9"), mail)).isEqualTo(HookResult.DECLINED);
        assertThat(mail.getMessage().getHeader(ClamAvHook.SCAN_HEADER)).containsExactly("unavailable");
    }
}
