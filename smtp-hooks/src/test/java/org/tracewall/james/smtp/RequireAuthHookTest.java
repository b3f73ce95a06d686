package org.tracewall.james.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.Username;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.junit.jupiter.api.Test;

/** The submission port's rule, on the hook alone: no MAIL FROM before AUTH. */
class RequireAuthHookTest {
    private static RequireAuthHook hook(boolean trustAuthorizedAddresses) throws Exception {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty("trustAuthorizedAddresses", Boolean.toString(trustAuthorizedAddresses));
        RequireAuthHook hook = new RequireAuthHook();
        hook.init(config);
        return hook;
    }

    @Test
    void mailFromWithoutAuthShouldGet530() throws Exception {
        HookResult result = hook(false).doMail(new FakeSession("192.0.2.7"), MaybeSender.nullSender());

        assertThat(result.getResult().getAction()).isEqualTo(HookReturnCode.Action.DENY);
        assertThat(result.getSmtpRetCode()).isEqualTo("530");
        assertThat(result.getSmtpDescription()).startsWith("5.7.0 Authentication required");
    }

    @Test
    void anAuthenticatedUserShouldPass() throws Exception {
        FakeSession session = new FakeSession("192.0.2.7");
        session.setUsername(Username.of("bob@tracewall.local"));

        assertThat(hook(false).doMail(session, MaybeSender.nullSender())).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void anAuthorizedAddressShouldPassOnlyWhenTrusted() throws Exception {
        FakeSession session = new FakeSession("127.0.0.1");
        session.setRelayingAllowed(true);

        assertThat(hook(false).doMail(session, MaybeSender.nullSender()).getSmtpRetCode()).isEqualTo("530");
        assertThat(hook(true).doMail(session, MaybeSender.nullSender())).isEqualTo(HookResult.DECLINED);
    }
}
