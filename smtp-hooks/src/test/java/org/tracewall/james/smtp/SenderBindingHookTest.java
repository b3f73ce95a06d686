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
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;
import org.tracewall.james.JamesSenderBinding;
import org.tracewall.james.testing.FakeDomainList;
import org.tracewall.james.testing.OwnAddressOnly;

class SenderBindingHookTest {
    private static SenderBindingHook hook(BaseHierarchicalConfiguration config) throws ConfigurationException {
        SenderBindingHook hook = new SenderBindingHook(new JamesSenderBinding(new FakeDomainList(), new OwnAddressOnly()));
        hook.init(config);
        return hook;
    }

    private static SenderBindingHook hook() throws ConfigurationException {
        return hook(new BaseHierarchicalConfiguration());
    }

    private static BaseHierarchicalConfiguration config(String key, String value) {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty(key, value);
        return config;
    }

    private static MaybeSender from(String address) throws Exception {
        return MaybeSender.of(new MailAddress(address));
    }

    /** The message as received: raw, so that repeated or unreadable From headers stay as the client sent them. */
    private static FakeMail mail(String sender, String header) throws MessagingException {
        byte[] raw = (header + "To: carol@tracewall.local\r\nSubject: s\r\n\r\nhi\r\n").getBytes(StandardCharsets.UTF_8);
        return FakeMail.builder().name("m").sender(sender).recipient("carol@tracewall.local")
            .mimeMessage(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw))).build();
    }

    @Test
    void initShouldNameTheElementOfABadValue() {
        assertThatThrownBy(() -> hook(config("checkHeaderFrom", "perhaps")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("SenderBindingHook: Invalid value for '<checkHeaderFrom>': 'perhaps' (expected true or false)");
    }

    @Test
    void initShouldNameAnUnknownElement() {
        assertThatThrownBy(() -> hook(config("checkFrom", "true")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("SenderBindingHook: unknown element(s) <checkFrom> (known: checkHeaderFrom)");
    }

    @Test
    void doMailShouldAskALocalSenderToAuthenticate() throws Exception {
        HookResult result = hook().doMail(new FakeSession("192.0.2.9"), from("bob@tracewall.local"));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("530");
        assertThat(result.getSmtpDescription()).isEqualTo("5.7.0 Authentication required: senders in this server's domains must log in"
            + " (SMTP AUTH), also to write to local users");
    }

    @Test
    void doMailShouldAcceptAnExternalSenderWithoutAuth() throws Exception {
        assertThat(hook().doMail(new FakeSession("192.0.2.9"), from("news@remote.example"))).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void doMailShouldRefuseAUserSendingAsAnotherAddress() throws Exception {
        HookResult result = hook().doMail(FakeSession.authenticated("bob@tracewall.local"), from("alice@tracewall.local"));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("550");
        assertThat(result.getSmtpDescription()).isEqualTo("5.7.1 User bob@tracewall.local is not allowed to send as"
            + " <alice@tracewall.local> (MAIL FROM); use your own address or one of your aliases");
    }

    @Test
    void doMailShouldAcceptAUsersOwnAddressAndTheNullSender() throws Exception {
        SenderBindingHook hook = hook();

        assertThat(hook.doMail(FakeSession.authenticated("bob@tracewall.local"), from("bob@tracewall.local"))).isEqualTo(HookResult.DECLINED);
        assertThat(hook.doMail(FakeSession.authenticated("bob@tracewall.local"), MaybeSender.nullSender())).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void doMailShouldTrustAnAuthorizedNetworkWithoutAuth() throws Exception {
        FakeSession relaying = new FakeSession("192.0.2.9");
        relaying.setRelayingAllowed(true);

        assertThat(hook().doMail(relaying, from("bob@tracewall.local"))).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void onMessageShouldRefuseALocalHeaderFromWithoutAuthSayingWhatToDo() throws Exception {
        HookResult result = hook().onMessage(new FakeSession("192.0.2.9"), mail("news@remote.example", "From: CEO <ceo@tracewall.local>\r\n"));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("550");
        assertThat(result.getSmtpDescription()).isEqualTo("5.7.1 Message refused: the header From shows <ceo@tracewall.local>, an address"
            + " of this server's domains; Authentication required: log in (SMTP AUTH) to send as it");
    }

    @Test
    void onMessageShouldRefuseAUserWhoseSenderHeaderIsAnotherUser() throws Exception {
        FakeMail mail = mail("bob@tracewall.local", "From: Bob <bob@tracewall.local>\r\nSender: alice@tracewall.local\r\n");

        HookResult result = hook().onMessage(FakeSession.authenticated("bob@tracewall.local"), mail);

        assertThat(result.getSmtpRetCode()).isEqualTo("550");
        assertThat(result.getSmtpDescription()).isEqualTo("5.7.1 User bob@tracewall.local is not allowed to send as"
            + " <alice@tracewall.local> (header Sender); use your own address or one of your aliases");
    }

    @Test
    void onMessageShouldRefuseSeveralFromHeadersWhoeverSendsThem() throws Exception {
        FakeMail mail = mail("bob@tracewall.local", "From: bob@tracewall.local\r\nFrom: bob@tracewall.local\r\n");

        HookResult result = hook().onMessage(FakeSession.authenticated("bob@tracewall.local"), mail);

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("554");
        assertThat(result.getSmtpDescription())
            .isEqualTo("5.6.0 Message refused: several From headers (RFC 5322 requires exactly one From header with a readable address)");
    }

    @Test
    void onMessageShouldAcceptTheUsersOwnFrom() throws Exception {
        FakeMail mail = mail("bob@tracewall.local", "From: Bob <bob@tracewall.local>\r\n");

        assertThat(hook().onMessage(FakeSession.authenticated("bob@tracewall.local"), mail)).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void onMessageShouldNotReadTheHeadersWhenCheckHeaderFromIsOff() throws Exception {
        FakeMail mail = mail("news@remote.example", "From: ceo@tracewall.local\r\nFrom: ceo@tracewall.local\r\n");

        assertThat(hook(config("checkHeaderFrom", "false")).onMessage(new FakeSession("192.0.2.9"), mail)).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void onMessageShouldTrustAnAuthorizedNetworkWithoutAuth() throws Exception {
        FakeSession relaying = new FakeSession("192.0.2.9");
        relaying.setRelayingAllowed(true);

        assertThat(hook().onMessage(relaying, mail("bob@tracewall.local", "From: ceo@tracewall.local\r\n"))).isEqualTo(HookResult.DECLINED);
    }
}
