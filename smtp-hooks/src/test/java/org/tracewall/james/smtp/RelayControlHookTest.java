package org.tracewall.james.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.Username;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.junit.jupiter.api.Test;
import org.tracewall.core.dns.DnsResolver;
import org.tracewall.core.net.IpAddresses;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;

class RelayControlHookTest {
    private static final String RELAY_TRICK = "5.7.1 Relaying denied: '%', '!' and quoted '@' routing in a recipient are not accepted";

    private final StaticDns dns = new StaticDns(List.of(
        new MXRecord(Name.fromConstantString("sender.example."), DClass.IN, 300, 10, Name.fromConstantString("mx.sender.example.")),
        new ARecord(Name.fromConstantString("web.example."), DClass.IN, 300, IpAddresses.parseLiteral("192.0.2.80"))));

    private static BaseHierarchicalConfiguration config(String key, String value) {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty(key, value);
        return config;
    }

    private RelayControlHook hook(DnsResolver resolver, BaseHierarchicalConfiguration config) throws ConfigurationException {
        RelayControlHook hook = new RelayControlHook(resolver, "tracewall.local"::equals);
        hook.init(config);
        return hook;
    }

    private RelayControlHook hook() throws ConfigurationException {
        return hook(dns, new BaseHierarchicalConfiguration());
    }

    private static MaybeSender from(String address) throws Exception {
        return MaybeSender.of(new MailAddress(address));
    }

    private static HookResult rcpt(RelayControlHook hook, FakeSession session, String rcpt) throws Exception {
        return hook.doRcpt(session, from("a@sender.example"), new MailAddress(rcpt));
    }

    @Test
    void initShouldNameTheElementOfABadValue() {
        assertThatThrownBy(() -> hook(dns, config("rejectUnqualifiedSender", "maybe")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("RelayControlHook: Invalid value for '<rejectUnqualifiedSender>': 'maybe' (expected true or false)");
    }

    @Test
    void initShouldNameAnUnknownElementAndTheKnownOnes() {
        assertThatThrownBy(() -> hook(dns, config("rejectUnknownSender", "true")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("RelayControlHook: unknown element(s) <rejectUnknownSender> (known: rejectUnqualifiedSender, rejectUnresolvableSender)");
    }

    @Test
    void doRcptShouldRefuseRecipientsThatRouteToAnotherDestination() throws Exception {
        RelayControlHook hook = hook();
        FakeSession session = new FakeSession("192.0.2.9");

        for (String rcpt : List.of("bob%remote.example@tracewall.local", "remote.example!bob@tracewall.local",
            "\"bob@remote.example\"@tracewall.local")) {
            HookResult result = rcpt(hook, session, rcpt);
            assertThat(result.getResult()).as(rcpt).isEqualTo(HookReturnCode.deny());
            assertThat(result.getSmtpRetCode()).as(rcpt).isEqualTo("550");
            assertThat(result.getSmtpDescription()).as(rcpt).isEqualTo(RELAY_TRICK);
        }
    }

    @Test
    void doRcptShouldAcceptAPlainRecipient() throws Exception {
        assertThat(rcpt(hook(), new FakeSession("192.0.2.9"), "bob.smith+news@tracewall.local")).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void doRcptShouldNotCheckAuthenticatedOrRelayingClients() throws Exception {
        FakeSession authenticated = new FakeSession("192.0.2.9");
        authenticated.setUsername(Username.of("bob@tracewall.local"));
        FakeSession relaying = new FakeSession("192.0.2.9");
        relaying.setRelayingAllowed(true);

        assertThat(rcpt(hook(), authenticated, "bob%remote.example@tracewall.local")).isEqualTo(HookResult.DECLINED);
        assertThat(rcpt(hook(), relaying, "bob%remote.example@tracewall.local")).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void doMailShouldRefuseAnUnqualifiedSenderDomain() throws Exception {
        HookResult result = hook().doMail(new FakeSession("192.0.2.9"), from("bob@localhost"));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("553");
        assertThat(result.getSmtpDescription()).isEqualTo("5.1.8 Sender domain 'localhost' is not fully qualified");
        assertThat(dns.questions()).isZero();
    }

    @Test
    void doMailShouldAcceptAnUnqualifiedSenderDomainWhenToldSo() throws Exception {
        RelayControlHook hook = hook(dns, config("rejectUnqualifiedSender", "false"));

        assertThat(hook.doMail(new FakeSession("192.0.2.9"), from("bob@localhost"))).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void doMailShouldRefuseASenderDomainThatDoesNotExist() throws Exception {
        HookResult result = hook().doMail(new FakeSession("192.0.2.9"), from("a@nowhere.example"));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("553");
        assertThat(result.getSmtpDescription()).isEqualTo("5.1.8 Sender domain 'nowhere.example' does not exist in the DNS");
    }

    @Test
    void doMailShouldAcceptASenderDomainWithAnMxOrOtherRecords() throws Exception {
        RelayControlHook hook = hook();

        assertThat(hook.doMail(new FakeSession("192.0.2.9"), from("a@sender.example"))).isEqualTo(HookResult.DECLINED);
        assertThat(hook.doMail(new FakeSession("192.0.2.9"), from("a@web.example"))).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void doMailShouldDeferWhenTheDnsFails() throws Exception {
        HookResult result = hook(DnsResolver.offline(), new BaseHierarchicalConfiguration())
            .doMail(new FakeSession("192.0.2.9"), from("a@sender.example"));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.denySoft());
        assertThat(result.getSmtpRetCode()).isEqualTo("451");
        assertThat(result.getSmtpDescription()).isEqualTo("4.4.3 Temporary DNS failure while checking sender.example; please try again later");
    }

    @Test
    void doMailShouldNotLookUpWhenToldNotTo() throws Exception {
        RelayControlHook hook = hook(dns, config("rejectUnresolvableSender", "false"));

        assertThat(hook.doMail(new FakeSession("192.0.2.9"), from("a@nowhere.example"))).isEqualTo(HookResult.DECLINED);
        assertThat(dns.questions()).isZero();
    }

    @Test
    void doMailShouldAcceptAnAddressLiteralSenderWithoutLookingItUp() throws Exception {
        assertThat(hook().doMail(new FakeSession("192.0.2.9"), from("bob@[192.0.2.1]"))).isEqualTo(HookResult.DECLINED);
        assertThat(dns.questions()).isZero();
    }

    @Test
    void doMailShouldNotLookUpTheServersOwnDomains() throws Exception {
        assertThat(hook().doMail(new FakeSession("192.0.2.9"), from("bob@tracewall.local"))).isEqualTo(HookResult.DECLINED);
        assertThat(dns.questions()).isZero();
    }

    @Test
    void doMailShouldNotCheckTheNullSenderNorTrustedClients() throws Exception {
        FakeSession authenticated = new FakeSession("192.0.2.9");
        authenticated.setUsername(Username.of("bob@tracewall.local"));
        RelayControlHook hook = hook();

        assertThat(hook.doMail(new FakeSession("192.0.2.9"), MaybeSender.nullSender())).isEqualTo(HookResult.DECLINED);
        assertThat(hook.doMail(authenticated, from("bob@localhost"))).isEqualTo(HookResult.DECLINED);
        assertThat(dns.questions()).isZero();
    }
}
