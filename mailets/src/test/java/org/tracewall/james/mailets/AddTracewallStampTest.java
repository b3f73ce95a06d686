package org.tracewall.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.mail.MessagingException;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

class AddTracewallStampTest {

    @Test
    void initShouldThrowOnUnknownParameter() {
        AddTracewallStamp mailet = new AddTracewallStamp();
        assertThatThrownBy(() -> mailet.init(FakeMailetConfig.builder().mailetName("stamp")
            .setProperty("hedaerName", "X-Foo").build()))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("hedaerName");
    }

    @Test
    void initShouldThrowOnInvalidHeaderName() {
        AddTracewallStamp mailet = new AddTracewallStamp();
        assertThatThrownBy(() -> mailet.init(FakeMailetConfig.builder().mailetName("stamp")
            .setProperty("headerName", "X Bad: header").build()))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("headerName");
    }

    @Test
    void initShouldThrowOnNodeThatCouldInjectHeaders() {
        AddTracewallStamp mailet = new AddTracewallStamp();
        assertThatThrownBy(() -> mailet.init(FakeMailetConfig.builder().mailetName("stamp")
            .setProperty("node", "mx1\r\nBcc: x@example.com").build()))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("node");
    }

    @Test
    void serviceShouldAddTheStampHeader() throws Exception {
        AddTracewallStamp mailet = new AddTracewallStamp();
        mailet.init(FakeMailetConfig.builder().mailetName("stamp").setProperty("node", "mx1.example.net").build());
        FakeMail mail = FakeMail.builder().name("m1")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("hi").setText("body")).build();

        mailet.service(mail);

        assertThat(mail.getMessage().getHeader(AddTracewallStamp.DEFAULT_HEADER))
            .containsExactly("tracewall/dev; node=mx1.example.net");
    }

    @Test
    void serviceShouldReplaceAForgedStampFromTheSender() throws Exception {
        AddTracewallStamp mailet = new AddTracewallStamp();
        mailet.init(FakeMailetConfig.builder().mailetName("stamp").setProperty("node", "mx1").build());
        FakeMail mail = FakeMail.builder().name("m1")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder()
                .addHeader(AddTracewallStamp.DEFAULT_HEADER, "forged").setText("body")).build();

        mailet.service(mail);

        assertThat(mail.getMessage().getHeader(AddTracewallStamp.DEFAULT_HEADER))
            .containsExactly("tracewall/dev; node=mx1");
    }
}
