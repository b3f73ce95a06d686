package org.tracewall.james.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.protocols.smtp.SMTPConfiguration;
import org.apache.james.protocols.smtp.SMTPConfigurationImpl;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.utils.BaseFakeSMTPSession;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.model.User;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.tracewall.core.auth.AuthThrottle;
import org.tracewall.core.auth.AuthThrottleConfig;
import org.tracewall.core.store.InMemoryStateStore;

/** SMTP AUTH through the hook: James's users decide the password, the state store counts the failures. */
class AuthThrottleHookTest {
    private static final Username BOB = Username.of("bob@tracewall.local");

    private static AuthThrottleHook hook(int failuresPerClient, String... keysAndValues) throws Exception {
        AuthThrottle throttle = new AuthThrottle(new InMemoryStateStore(),
            AuthThrottleConfig.fromProperties(Map.of("auth.failures.perClient", Integer.toString(failuresPerClient))));
        AuthThrottleHook hook = new AuthThrottleHook(throttle, new OneUser(BOB, "secret"));
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
        AuthSession session = new AuthSession(false);

        HookResult result = hook(10).doAuth(session, BOB, "secret");

        assertThat(result.getResult()).isEqualTo(HookReturnCode.ok());
        assertThat(session.getUsername()).isEqualTo(BOB);
        assertThat(session.isRelayingAllowed()).isTrue();
    }

    @Test
    void doAuthShouldRefuseAWrongPasswordWith535() throws Exception {
        AuthSession session = new AuthSession(false);

        HookResult result = hook(10).doAuth(session, BOB, "guess");

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("535");
        assertThat(result.getSmtpDescription()).isEqualTo("5.7.8 Authentication credentials invalid");
        assertThat(session.getUsername()).isNull();
        assertThat(session.isRelayingAllowed()).isFalse();
    }

    @Test
    void doAuthShouldRefuseAnUnknownUser() throws Exception {
        assertThat(hook(10).doAuth(new AuthSession(false), Username.of("eve@tracewall.local"), "secret").getSmtpRetCode())
            .isEqualTo("535");
    }

    @Test
    void doAuthShouldDisconnectAClientPastItsFailuresEvenWithTheRightPassword() throws Exception {
        AuthThrottleHook hook = hook(2);
        hook.doAuth(new AuthSession(false), BOB, "guess1");
        hook.doAuth(new AuthSession(false), BOB, "guess2");

        HookResult result = hook.doAuth(new AuthSession(false), BOB, "secret");

        assertThat(result.getResult()).isEqualTo(HookReturnCode.disconnected(HookReturnCode.Action.DENYSOFT));
        assertThat(result.getSmtpRetCode()).isEqualTo("454");
        assertThat(result.getSmtpDescription()).isEqualTo("4.7.0 Too many failed logins from 192.0.2.9; try again in 15 minutes");
    }

    @Test
    void doAuthShouldNotCountSuccessfulLoginsAsFailures() throws Exception {
        AuthThrottleHook hook = hook(1);

        for (int i = 0; i < 3; i++) {
            assertThat(hook.doAuth(new AuthSession(false), BOB, "secret").getResult()).isEqualTo(HookReturnCode.ok());
        }
    }

    @Test
    void doAuthShouldRefuseAuthOutsideTlsWhenRequired() throws Exception {
        AuthSession session = new AuthSession(false);

        HookResult result = hook(10, "requireTls", "true").doAuth(session, BOB, "secret");

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("538");
        assertThat(result.getSmtpDescription()).isEqualTo("5.7.11 Encryption required: use STARTTLS before AUTH");
        assertThat(session.getUsername()).isNull();
    }

    @Test
    void doAuthShouldLogInOverTlsWhenTlsIsRequired() throws Exception {
        assertThat(hook(10, "requireTls", "true").doAuth(new AuthSession(true), BOB, "secret").getResult())
            .isEqualTo(HookReturnCode.ok());
    }

    @Test
    void doAuthShouldRefuseAuthBeforeStartTlsOnAServerThatAnnouncesItOnlyAfter() throws Exception {
        AuthSession session = new AuthSession(false);
        session.announcesAuthOnlyOverTls = true;

        assertThat(hook(10).doAuth(session, BOB, "secret").getSmtpRetCode()).isEqualTo("538");
    }

    @Test
    void doSaslShouldOnlyApplyTheTlsRule() throws Exception {
        AuthThrottleHook hook = hook(10, "requireTls", "true");

        assertThat(hook.doSasl(new AuthSession(false), null, "token").getSmtpRetCode()).isEqualTo("538");
        assertThat(hook.doSasl(new AuthSession(true), null, "token")).isEqualTo(HookResult.DECLINED);
    }

    /** A session from 192.0.2.9, with or without TLS, on a server announcing AUTH always or only after STARTTLS. */
    private static final class AuthSession extends BaseFakeSMTPSession {
        private final boolean tls;
        private boolean announcesAuthOnlyOverTls;
        private Username username;
        private boolean relaying;

        AuthSession(boolean tls) {
            this.tls = tls;
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return new InetSocketAddress("192.0.2.9", 40000);
        }

        @Override
        public boolean isTLSStarted() {
            return tls;
        }

        @Override
        public SMTPConfiguration getConfiguration() {
            return new SMTPConfigurationImpl() {
                @Override
                public boolean isAuthAnnounced(String remoteIp, boolean tlsStarted) {
                    return tlsStarted || !announcesAuthOnlyOverTls;
                }
            };
        }

        @Override
        public Username getUsername() {
            return username;
        }

        @Override
        public void setUsername(Username username) {
            this.username = username;
        }

        @Override
        public boolean isRelayingAllowed() {
            return relaying;
        }

        @Override
        public void setRelayingAllowed(boolean relaying) {
            this.relaying = relaying;
        }
    }

    /** James's users, with one account (the in-memory repository is not on this module's class path). */
    private static final class OneUser implements UsersRepository {
        private final Username user;
        private final String password;

        OneUser(Username user, String password) {
            this.user = user;
            this.password = password;
        }

        @Override
        public boolean test(Username name, String attempt) {
            return user.equals(name) && password.equals(attempt);
        }

        @Override
        public boolean contains(Username name) {
            return user.equals(name);
        }

        @Override
        public boolean supportVirtualHosting() {
            return true;
        }

        @Override
        public void addUser(Username name, String attempt) {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public User getUserByName(Username name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void updateUser(User other) {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public void removeUser(Username name) {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public Publisher<Boolean> containsReactive(Username name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int countUsers() {
            return 1;
        }

        @Override
        public Iterator<Username> list() {
            return List.of(user).iterator();
        }

        @Override
        public Publisher<Username> listReactive() {
            throw new UnsupportedOperationException();
        }

        @Override
        public MailAddress getMailAddressFor(Username name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isAdministrator(Username name) {
            return false;
        }

        @Override
        public boolean isReadOnly() {
            return true;
        }
    }
}
