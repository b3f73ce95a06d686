package org.tracewall.james.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.mail.MessagingException;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.Username;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;

class ForgedHeadersHookTest {
    private static ForgedHeadersHook hook(BaseHierarchicalConfiguration config) throws ConfigurationException {
        ForgedHeadersHook hook = new ForgedHeadersHook();
        hook.init(config);
        return hook;
    }

    private static BaseHierarchicalConfiguration config(String key, String value) {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty(key, value);
        return config;
    }

    private static FakeMail mail() throws MessagingException {
        return FakeMail.builder().name("m").sender("a@sender.example").recipient("bob@tracewall.local")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder()
                .addHeader("X-Tracewall-Disclaimer", "added")
                .addHeader("X-Tracewall-Score", "-100; action=accept")
                .addHeader("x-spam-flag", "NO")
                .addHeader("X-Custom-Scanned", "clean")
                .addHeader("X-Mailer", "mutt")
                .setSubject("hello").setText("body"))
            .build();
    }

    @Test
    void initShouldNameAnUnknownElementAndTheKnownOne() {
        assertThatThrownBy(() -> hook(config("prefix", "X-Spam-")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("ForgedHeadersHook: unknown element(s) <prefix> (known: prefixes)");
    }

    @Test
    void onMessageShouldRemoveTheGatewaysHeadersWhateverTheirCaseAndGoOn() throws Exception {
        FakeMail mail = mail();

        HookResult result = hook(new BaseHierarchicalConfiguration()).onMessage(new FakeSession("192.0.2.9"), mail);

        assertThat(result).isEqualTo(HookResult.DECLINED);
        assertThat(mail.getMessage().getHeader("X-Tracewall-Disclaimer")).isNull();
        assertThat(mail.getMessage().getHeader("X-Tracewall-Score")).isNull();
        assertThat(mail.getMessage().getHeader("X-Spam-Flag")).isNull();
        assertThat(mail.getMessage().getHeader("X-Custom-Scanned")).containsExactly("clean");
        assertThat(mail.getMessage().getHeader("X-Mailer")).containsExactly("mutt");
    }

    @Test
    void onMessageShouldRemoveThemFromAuthenticatedUsersToo() throws Exception {
        FakeSession session = new FakeSession("192.0.2.9");
        session.setUsername(Username.of("bob@tracewall.local"));
        session.setRelayingAllowed(true);
        FakeMail mail = mail();

        hook(new BaseHierarchicalConfiguration()).onMessage(session, mail);

        assertThat(mail.getMessage().getHeader("X-Tracewall-Disclaimer")).isNull();
    }

    @Test
    void onMessageShouldRemoveOnlyTheConfiguredPrefixes() throws Exception {
        FakeMail mail = mail();

        hook(config("prefixes", "X-Custom-, X-Mailer")).onMessage(new FakeSession("192.0.2.9"), mail);

        assertThat(mail.getMessage().getHeader("X-Custom-Scanned")).isNull();
        assertThat(mail.getMessage().getHeader("X-Mailer")).isNull();
        assertThat(mail.getMessage().getHeader("X-Tracewall-Score")).containsExactly("-100; action=accept");
        assertThat(mail.getMessage().getHeader("X-Spam-Flag")).containsExactly("NO");
    }
}
