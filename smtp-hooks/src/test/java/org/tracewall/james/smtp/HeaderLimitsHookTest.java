package org.tracewall.james.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;

class HeaderLimitsHookTest {
    /** Three header fields of 22, 23 and 14 characters: 65 bytes with their CRLFs. */
    private static final String HEADER = "From: a@sender.example\r\nTo: bob@tracewall.local\r\nSubject: hello\r\n";
    private static final int HEADER_BYTES = 65;

    private static BaseHierarchicalConfiguration config(String key, String value) {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty(key, value);
        return config;
    }

    private static HeaderLimitsHook hook(String key, String value) throws ConfigurationException {
        HeaderLimitsHook hook = new HeaderLimitsHook();
        hook.init(config(key, value));
        return hook;
    }

    private static FakeMail mail(String header) throws MessagingException {
        byte[] raw = (header + "\r\nbody\r\n").getBytes(StandardCharsets.UTF_8);
        return FakeMail.builder().name("m").recipient("bob@tracewall.local")
            .mimeMessage(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw))).build();
    }

    @Test
    void initShouldNameAnUnknownElementAndTheKnownOnes() {
        assertThatThrownBy(() -> hook("maxHeader", "10"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("HeaderLimitsHook: unknown element(s) <maxHeader> (known: maxHeaders, maxHeaderBytes)");
    }

    @Test
    void initShouldRefuseALimitBelowOne() {
        assertThatThrownBy(() -> hook("maxHeaders", "0"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("HeaderLimitsHook: Invalid value for '<maxHeaders>': '0' (expected an integer from 1 to 1000000)");
    }

    @Test
    void onMessageShouldAcceptAsManyHeaderFieldsAsAllowed() throws Exception {
        assertThat(hook("maxHeaders", "3").onMessage(new FakeSession("192.0.2.9"), mail(HEADER))).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void onMessageShouldRefuseOneHeaderFieldMoreThanAllowed() throws Exception {
        HookResult result = hook("maxHeaders", "2").onMessage(new FakeSession("192.0.2.9"), mail(HEADER));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("552");
        assertThat(result.getSmtpDescription()).isEqualTo("5.3.4 Message header too large (at most 2 header fields and 262144 bytes)");
    }

    @Test
    void onMessageShouldAcceptAHeaderSectionOfExactlyTheAllowedBytes() throws Exception {
        HookResult result = hook("maxHeaderBytes", String.valueOf(HEADER_BYTES)).onMessage(new FakeSession("192.0.2.9"), mail(HEADER));

        assertThat(result).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void onMessageShouldRefuseAHeaderSectionOneByteLargerThanAllowed() throws Exception {
        HookResult result = hook("maxHeaderBytes", String.valueOf(HEADER_BYTES - 1)).onMessage(new FakeSession("192.0.2.9"), mail(HEADER));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("552");
        assertThat(result.getSmtpDescription()).isEqualTo("5.3.4 Message header too large (at most 500 header fields and 64 bytes)");
    }

    @Test
    void onMessageShouldRefuseAMessageOfManyShortHeadersByDefault() throws Exception {
        HeaderLimitsHook hook = new HeaderLimitsHook();
        hook.init(new BaseHierarchicalConfiguration());

        HookResult result = hook.onMessage(new FakeSession("192.0.2.9"), mail(HEADER + "X-A: 1\r\n".repeat(498)));

        assertThat(result.getSmtpRetCode()).isEqualTo("552");
        assertThat(hook.onMessage(new FakeSession("192.0.2.9"), mail(HEADER + "X-A: 1\r\n".repeat(497)))).isEqualTo(HookResult.DECLINED);
    }
}
