package org.tracewall.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.mail.MessagingException;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

class RemoveForgedHeadersTest {
    private static RemoveForgedHeaders init(FakeMailetConfig config) throws MessagingException {
        RemoveForgedHeaders mailet = new RemoveForgedHeaders();
        mailet.init(config);
        return mailet;
    }

    private static FakeMail mail() throws MessagingException {
        return FakeMail.builder().name("m").recipient("bob@tracewall.local")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder()
                .addHeader("X-Tracewall-Score", "-100; action=accept")
                .addHeader("X-Tracewall-Score", "-50; action=accept")
                .addHeader("x-spam-status", "No")
                .addHeader("X-Custom-Scanned", "yes")
                .addHeader("X-Mailer", "mutt")
                .setSubject("hello").setText("body"))
            .build();
    }

    @Test
    void initShouldRefuseAParameterItDoesNotTake() {
        assertThatThrownBy(() -> init(FakeMailetConfig.builder().mailetName("r").setProperty("prefix", "X-Spam-").build()))
            .isInstanceOf(MessagingException.class).hasMessageContaining("[prefix]");
    }

    @Test
    void serviceShouldRemoveTheForgedHeadersWhateverTheirCase() throws Exception {
        FakeMail mail = mail();

        init(FakeMailetConfig.builder().mailetName("r").build()).service(mail);

        assertThat(mail.getMessage().getHeader("X-Tracewall-Score")).isNull();
        assertThat(mail.getMessage().getHeader("X-Spam-Status")).isNull();
        assertThat(mail.getMessage().getHeader("X-Custom-Scanned")).containsExactly("yes");
        assertThat(mail.getMessage().getHeader("X-Mailer")).containsExactly("mutt");
        assertThat(mail.getMessage().getSubject()).isEqualTo("hello");
    }

    @Test
    void serviceShouldRemoveOnlyTheConfiguredPrefixes() throws Exception {
        FakeMail mail = mail();

        init(FakeMailetConfig.builder().mailetName("r").setProperty("prefixes", "X-Custom-, X-Mailer").build()).service(mail);

        assertThat(mail.getMessage().getHeader("X-Custom-Scanned")).isNull();
        assertThat(mail.getMessage().getHeader("X-Mailer")).isNull();
        assertThat(mail.getMessage().getHeader("X-Tracewall-Score")).containsExactly("-100; action=accept", "-50; action=accept");
        assertThat(mail.getMessage().getHeader("x-spam-status")).containsExactly("No");
    }
}
