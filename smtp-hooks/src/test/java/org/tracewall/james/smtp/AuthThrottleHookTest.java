package org.tracewall.james.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.Username;
import org.apache.james.protocols.smtp.SMTPConfiguration;
import org.apache.james.protocols.smtp.SMTPConfigurationImpl;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.junit.jupiter.api.Test;
import org.tracewall.core.auth.AuthThrottle;
import org.tracewall.core.auth.AuthThrottleConfig;
import org.tracewall.core.store.InMemoryStateStore;

/** SMTP AUTH through the hook: James's users decide the password, the state store counts the failures. */
class AuthThrottleHookTest {
    private static final Username BOB = Username.of("bob@tracewall.local");

    private static AuthThrottleHook hook(int failuresPerClient, String... keysAndValues) throws Exception {
        AuthThrottle throttle = new AuthThrottle(new InMemoryStateStore(),
            AuthThrottleConfig.fromProperties(Map.of("auth.failures.perClient", Integer.toString(failuresPerClient))));
        AuthThrottleHook hook = new AuthThrottleHook(throttle, FakeUsersRepository.oneUser(BOB, "secret"));
        hook.init(config(keysAndValues));
        return hook;
    }

    private static BaseHierarchicalConfiguration config(String... keysAndValues) {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.addProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return config;
    }

    /** A session from 192.0.2.9, with or without TLS, on a server announcing AUTH always. */
    private static FakeSession session(boolean tls) {
        FakeSession session = new FakeSession("192.0.2.9");
        session.setTlsStarted(tls);
        session.setConfiguration(announcingAuth(false));
        return session;
    }

    /** A server's configuration that announces AUTH always, or only after STARTTLS. */
    private static SMTPConfiguration announcingAuth(boolean onlyOverTls) {
        return new SMTPConfigurationImpl() {
            @Override
            public boolean isAuthAnnounced(String remoteIp, boolean tlsStarted) {
                return tlsStarted || !onlyOverTls;
            }
        };
    }

    @Test
    void initShouldRefuseARequireTlsThatIsNotABoolean() {
        assertThatThrownBy(() -> hook(10, "requireTls", "always"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("AuthThrottleHook: Invalid value for '<requireTls>': 'always' (expected true or false)");
    }

    @Test
    void initShouldRefuseAMisspeltElement() {
        assertThatThrownBy(() -> hook(10, "requireTLS", "true"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("AuthThrottleHook: unknown element(s) <requireTLS> (known: requireTls)");
    }

    @Test
    void doAuthShouldLogInWithTheRightPasswordAndAllowRelaying() throws Exception {
        FakeSession session = session(false);

        HookResult result = hook(10).doAuth(session, BOB, "secret");

        assertThat(result.getResult()).isEqualTo(HookReturnCode.ok());
        assertThat(session.getUsername()).isEqualTo(BOB);
        assertThat(session.isRelayingAllowed()).isTrue();
    }

    @Test
    void doAuthShouldRefuseAWrongPasswordWith535() throws Exception {
        FakeSession session = session(false);

        HookResult result = hook(10).doAuth(session, BOB, "guess");

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("535");
        assertThat(result.getSmtpDescription()).isEqualTo("5.7.8 Authentication credentials invalid");
        assertThat(session.getUsername()).isNull();
        assertThat(session.isRelayingAllowed()).isFalse();
    }

    @Test
    void doAuthShouldRefuseAnUnknownUser() throws Exception {
        assertThat(hook(10).doAuth(session(false), Username.of("eve@tracewall.local"), "secret").getSmtpRetCode())
            .isEqualTo("535");
    }

    @Test
    void doAuthShouldDisconnectAClientPastItsFailuresEvenWithTheRightPassword() throws Exception {
        AuthThrottleHook hook = hook(2);
        hook.doAuth(session(false), BOB, "guess1");
        hook.doAuth(session(false), BOB, "guess2");

        HookResult result = hook.doAuth(session(false), BOB, "secret");

        assertThat(result.getResult()).isEqualTo(HookReturnCode.disconnected(HookReturnCode.Action.DENYSOFT));
        assertThat(result.getSmtpRetCode()).isEqualTo("454");
        assertThat(result.getSmtpDescription()).isEqualTo("4.7.0 Too many failed logins from 192.0.2.9; try again in 15 minutes");
    }

    @Test
    void doAuthShouldNotCountSuccessfulLoginsAsFailures() throws Exception {
        AuthThrottleHook hook = hook(1);

        for (int i = 0; i < 3; i++) {
            assertThat(hook.doAuth(session(false), BOB, "secret").getResult()).isEqualTo(HookReturnCode.ok());
        }
    }

    @Test
    void doAuthShouldRefuseAuthOutsideTlsWhenRequired() throws Exception {
        FakeSession session = session(false);

        HookResult result = hook(10, "requireTls", "true").doAuth(session, BOB, "secret");

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("538");
        assertThat(result.getSmtpDescription()).isEqualTo("5.7.11 Encryption required: use STARTTLS before AUTH");
        assertThat(session.getUsername()).isNull();
    }

    @Test
    void doAuthShouldLogInOverTlsWhenTlsIsRequired() throws Exception {
        assertThat(hook(10, "requireTls", "true").doAuth(session(true), BOB, "secret").getResult())
            .isEqualTo(HookReturnCode.ok());
    }

    @Test
    void doAuthShouldRefuseAuthBeforeStartTlsOnAServerThatAnnouncesItOnlyAfter() throws Exception {
        FakeSession session = session(false);
        session.setConfiguration(announcingAuth(true));

        assertThat(hook(10).doAuth(session, BOB, "secret").getSmtpRetCode()).isEqualTo("538");
    }

    @Test
    void doSaslShouldOnlyApplyTheTlsRule() throws Exception {
        AuthThrottleHook hook = hook(10, "requireTls", "true");

        assertThat(hook.doSasl(session(false), null, "token").getSmtpRetCode()).isEqualTo("538");
        assertThat(hook.doSasl(session(true), null, "token")).isEqualTo(HookResult.DECLINED);
    }
}
