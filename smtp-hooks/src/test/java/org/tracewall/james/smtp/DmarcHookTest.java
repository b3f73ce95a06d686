package org.tracewall.james.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.Username;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;
import org.tracewall.core.dkim.DkimVerifier;
import org.tracewall.core.dmarc.DmarcEvaluator;
import org.tracewall.core.dns.DnsResolver;
import org.tracewall.core.domain.PublicSuffixList;
import org.tracewall.core.score.Symbol;
import org.tracewall.core.spf.SpfResult;
import org.tracewall.core.spf.SpfVerdict;
import org.tracewall.core.trace.TraceReason;
import org.tracewall.core.trace.TraceResult;
import org.tracewall.core.trace.TraceVerdict;
import org.tracewall.james.AuthenticationAttributes;
import org.tracewall.james.ScoreSymbols;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;

/** DMARC at the end of DATA for unsigned mail From: alice@example.test, whose policy a one-record DNS answers. */
class DmarcHookTest {
    private static DmarcHook hook(DnsResolver dns, String... keysAndValues) throws Exception {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.addProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        DmarcHook hook = new DmarcHook(new DkimVerifier(dns, System::currentTimeMillis), new DmarcEvaluator(dns, PublicSuffixList.bundled()));
        hook.init(config);
        return hook;
    }

    /** A DNS that knows one record, _dmarc.example.test TXT {@code policy}, and no other name. */
    private static DnsResolver policy(String policy) throws Exception {
        return new StaticDns(List.of(new TXTRecord(Name.fromString("_dmarc.example.test."), DClass.IN, 300, policy)));
    }

    private static FakeMail mail() throws Exception {
        return FakeMail.builder().name("m1").sender("alice@example.test").recipient("bob@tracewall.local")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().addFrom("alice@example.test").addToRecipient("bob@tracewall.local")
                .setSubject("Lunch").setText("Shall we meet at noon?"))
            .build();
    }

    private static List<String> symbols(FakeMail mail) {
        return ScoreSymbols.read(mail).stream().map(Symbol::name).collect(Collectors.toList());
    }

    @Test
    void initShouldRefuseAnUnknownRejectAction() {
        assertThatThrownBy(() -> hook(DnsResolver.offline(), "reject", "bounce"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("DmarcHook: Invalid value for '<reject>': 'bounce' (expected one of reject, quarantine, score)");
    }

    @Test
    void initShouldRefuseAnUnknownQuarantineAction() {
        assertThatThrownBy(() -> hook(DnsResolver.offline(), "quarantine", "drop"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("DmarcHook: Invalid value for '<quarantine>': 'drop' (expected one of reject, quarantine, score)");
    }

    @Test
    void initShouldRefuseAMisspeltElement() {
        assertThatThrownBy(() -> hook(DnsResolver.offline(), "rejection", "score"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("DmarcHook: unknown element(s) <rejection> (known: reject, quarantine)");
    }

    @Test
    void onMessageShouldRefuseAFailureUnderPRejectWith550() throws Exception {
        FakeMail mail = mail();

        HookResult result = hook(policy("v=DMARC1; p=reject")).onMessage(new FakeSession("198.51.100.5"), mail);

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("550");
        assertThat(result.getSmtpDescription())
            .isEqualTo("5.7.1 Rejected by the DMARC policy of example.test (p=reject): neither DKIM nor SPF aligned");
        assertThat(symbols(mail)).containsExactly("DMARC_POLICY_REJECT");
        assertThat(AuthenticationAttributes.results(mail)).first().isEqualTo("dkim=none");
        assertThat(AuthenticationAttributes.results(mail)).last().asString().startsWith("dmarc=fail");
    }

    @Test
    void onMessageShouldOnlyScoreAPRejectFailureWhenToldTo() throws Exception {
        FakeMail mail = mail();

        assertThat(hook(policy("v=DMARC1; p=reject"), "reject", "score").onMessage(new FakeSession("198.51.100.5"), mail))
            .isEqualTo(HookResult.DECLINED);

        assertThat(symbols(mail)).containsExactly("DMARC_POLICY_REJECT");
        assertThat(mail.getAttribute(AuthenticationAttributes.DMARC_QUARANTINE)).isEmpty();
    }

    @Test
    void onMessageShouldQuarantineAPRejectFailureWhenToldTo() throws Exception {
        FakeMail mail = mail();

        assertThat(hook(policy("v=DMARC1; p=reject"), "reject", "quarantine").onMessage(new FakeSession("198.51.100.5"), mail))
            .isEqualTo(HookResult.DECLINED);

        assertThat(mail.getAttribute(AuthenticationAttributes.DMARC_QUARANTINE)).map(Attribute::getValue)
            .contains(AttributeValue.of("example.test"));
    }

    @Test
    void onMessageShouldMarkAFailureUnderPQuarantineForTheQuarantine() throws Exception {
        FakeMail mail = mail();

        assertThat(hook(policy("v=DMARC1; p=quarantine")).onMessage(new FakeSession("198.51.100.5"), mail)).isEqualTo(HookResult.DECLINED);

        assertThat(mail.getAttribute(AuthenticationAttributes.DMARC_QUARANTINE)).map(Attribute::getValue)
            .contains(AttributeValue.of("example.test"));
        assertThat(symbols(mail)).containsExactly("DMARC_POLICY_QUARANTINE");
    }

    @Test
    void onMessageShouldRefuseAPQuarantineFailureWhenToldTo() throws Exception {
        HookResult result = hook(policy("v=DMARC1; p=quarantine"), "quarantine", "reject").onMessage(new FakeSession("198.51.100.5"), mail());

        assertThat(result.getSmtpRetCode()).isEqualTo("550");
        assertThat(result.getSmtpDescription()).contains("(p=quarantine)");
    }

    @Test
    void onMessageShouldOnlyScoreAFailureUnderPNone() throws Exception {
        FakeMail mail = mail();

        assertThat(hook(policy("v=DMARC1; p=none")).onMessage(new FakeSession("198.51.100.5"), mail)).isEqualTo(HookResult.DECLINED);

        assertThat(symbols(mail)).containsExactly("DMARC_POLICY_NONE");
        assertThat(mail.getAttribute(AuthenticationAttributes.DMARC_QUARANTINE)).isEmpty();
    }

    @Test
    void onMessageShouldPassMailWhoseSpfPassIsAligned() throws Exception {
        FakeSession session = new FakeSession("198.51.100.5");
        session.setAttachment(TraceabilityHook.VERDICT, new TraceVerdict(TraceResult.TRACEABLE, TraceReason.SPF_PASS, "", "example.test",
            new SpfVerdict(SpfResult.PASS, "example.test", "", null, 1)), ProtocolSession.State.Transaction);
        FakeMail mail = mail();

        assertThat(hook(policy("v=DMARC1; p=reject")).onMessage(session, mail)).isEqualTo(HookResult.DECLINED);

        assertThat(symbols(mail)).containsExactly("DMARC_ALIGNED");
    }

    @Test
    void onMessageShouldNeverRefuseWhenThePolicyCannotBeAsked() throws Exception {
        FakeMail mail = mail();

        assertThat(hook(DnsResolver.offline()).onMessage(new FakeSession("198.51.100.5"), mail)).isEqualTo(HookResult.DECLINED);

        assertThat(symbols(mail)).isEmpty();
        assertThat(AuthenticationAttributes.results(mail)).last().asString().startsWith("dmarc=temperror");
    }

    @Test
    void onMessageShouldNotCheckOutgoingMail() throws Exception {
        DmarcHook hook = hook(policy("v=DMARC1; p=reject"));
        FakeSession authenticated = new FakeSession("192.0.2.20");
        authenticated.setUsername(Username.of("alice@example.test"));
        FakeSession relaying = new FakeSession("192.0.2.21");
        relaying.setRelayingAllowed(true);
        FakeSession accessOk = new FakeSession("192.0.2.22");
        accessOk.setAttachment(SessionTrust.ACCESS_OK, true, ProtocolSession.State.Connection);

        for (FakeSession session : List.of(authenticated, relaying, accessOk)) {
            FakeMail mail = mail();
            assertThat(hook.onMessage(session, mail)).isEqualTo(HookResult.DECLINED);
            assertThat(AuthenticationAttributes.results(mail)).isEmpty();
        }
    }
}
