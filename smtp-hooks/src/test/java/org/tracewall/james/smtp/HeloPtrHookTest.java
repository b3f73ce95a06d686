package org.tracewall.james.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.Username;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;
import org.tracewall.core.dns.DnsResolver;
import org.tracewall.core.dns.PendingLookups;
import org.tracewall.core.helo.HeloPtrChecker;
import org.tracewall.core.net.IpAddresses;
import org.tracewall.core.score.Symbol;
import org.tracewall.james.ScoreSymbols;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.ReverseMap;

class HeloPtrHookTest {
    private static final String CLIENT = "192.0.2.10";
    private static final String HOST = "mail.sender.example";

    private final StaticDns dns = new StaticDns(List.of(
        new PTRRecord(ReverseMap.fromAddress(IpAddresses.parseLiteral(CLIENT)), DClass.IN, 300, name(HOST)),
        new ARecord(name(HOST), DClass.IN, 300, IpAddresses.parseLiteral(CLIENT))));

    private static Name name(String name) {
        return Name.fromConstantString(name + ".");
    }

    private static BaseHierarchicalConfiguration config(String key, String value) {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty(key, value);
        return config;
    }

    private HeloPtrHook hook(BaseHierarchicalConfiguration config) throws ConfigurationException {
        HeloPtrHook hook = new HeloPtrHook(new HeloPtrChecker(dns));
        hook.init(config);
        return hook;
    }

    private static FakeSession session(String helo) {
        FakeSession session = new FakeSession(CLIENT);
        session.setAttachment(SMTPSession.CURRENT_HELO_NAME, helo, ProtocolSession.State.Connection);
        return session;
    }

    private static MaybeSender sender() throws Exception {
        return MaybeSender.of(new MailAddress("a@sender.example"));
    }

    private static FakeMail mail() throws Exception {
        return FakeMail.builder().name("m").sender("a@sender.example").recipient("bob@tracewall.local").build();
    }

    @Test
    void initShouldNameTheElementOfAnUnknownFinding() {
        assertThatThrownBy(() -> hook(config("reject", "HELO_NOT_FQDN, HELO_BOGUS")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("HeloPtrHook: Invalid value for '<reject>': 'HELO_BOGUS' (expected one of helo_not_fqdn, helo_unresolvable, "
                + "helo_literal_mismatch, no_ptr, ptr_not_confirmed, helo_ptr_mismatch)");
    }

    @Test
    void initShouldNameAnUnknownElement() {
        assertThatThrownBy(() -> hook(config("rejects", "no_ptr")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("HeloPtrHook: unknown element(s) <rejects> (known: reject)");
    }

    @Test
    void doMailShouldOnlyRecordTheFindingsByDefault() throws Exception {
        HeloPtrHook hook = hook(new BaseHierarchicalConfiguration());
        FakeSession session = session("[192.0.2.99]");
        FakeMail mail = mail();

        assertThat(hook.doMail(session, sender())).isEqualTo(HookResult.DECLINED);
        hook.onMessage(session, mail);

        assertThat(mail.getAttribute(HeloPtrHook.FINDINGS))
            .contains(new Attribute(HeloPtrHook.FINDINGS, AttributeValue.of("HELO_LITERAL_MISMATCH")));
        assertThat(ScoreSymbols.read(mail)).containsExactly(Symbol.of("HELO_LITERAL_MISMATCH"));
    }

    @Test
    void doMailShouldRefuseAFindingListedInRejectSayingWhatToFix() throws Exception {
        HookResult result = hook(config("reject", "helo_not_fqdn")).doMail(session("localhost"), sender());

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("550");
        assertThat(result.getSmtpDescription())
            .isEqualTo("5.7.1 Rejected: HELO/EHLO must announce the server's fully qualified DNS name (HELO_NOT_FQDN)");
    }

    @Test
    void doMailShouldPassAForwardConfirmedHostAnnouncingItsName() throws Exception {
        HeloPtrHook hook = hook(config("reject", "helo_not_fqdn, helo_unresolvable, helo_literal_mismatch, no_ptr, ptr_not_confirmed, "
            + "helo_ptr_mismatch"));
        FakeSession session = session(HOST);
        FakeMail mail = mail();

        assertThat(hook.doMail(session, sender())).isEqualTo(HookResult.DECLINED);
        hook.onMessage(session, mail);

        assertThat(mail.getAttribute(HeloPtrHook.FINDINGS)).contains(new Attribute(HeloPtrHook.FINDINGS, AttributeValue.of("")));
        assertThat(ScoreSymbols.read(mail)).isEmpty();
    }

    @Test
    void doMailShouldFindAClientWithoutReverseDns() throws Exception {
        HeloPtrHook hook = hook(config("reject", "no_ptr"));
        FakeSession session = new FakeSession("192.0.2.20");
        session.setAttachment(SMTPSession.CURRENT_HELO_NAME, HOST, ProtocolSession.State.Connection);

        HookResult result = hook.doMail(session, sender());

        assertThat(result.getSmtpDescription())
            .isEqualTo("5.7.1 Rejected: the connecting address has no reverse DNS (PTR) record (NO_PTR)");
    }

    @Test
    void doMailShouldCheckOncePerConnectionAndJudgeEveryMail() throws Exception {
        HeloPtrHook hook = hook(config("reject", "helo_ptr_mismatch"));
        FakeSession session = session("other.sender.example");
        assertThat(hook.doMail(session, sender()).getSmtpRetCode()).isEqualTo("550");
        int questions = dns.questions();
        session.endTransaction();

        HookResult again = hook.doMail(session, sender());

        assertThat(again.getSmtpDescription()).endsWith("(HELO_PTR_MISMATCH)");
        assertThat(dns.questions()).isEqualTo(questions);
    }

    @Test
    void doMailShouldFindNothingWhenTheDnsFails() throws Exception {
        HeloPtrHook hook = new HeloPtrHook(new HeloPtrChecker(DnsResolver.offline()));
        hook.init(config("reject", "helo_unresolvable, no_ptr, ptr_not_confirmed"));
        FakeSession session = session(HOST);
        FakeMail mail = mail();

        assertThat(hook.doMail(session, sender())).isEqualTo(HookResult.DECLINED);
        hook.onMessage(session, mail);

        assertThat(ScoreSymbols.read(mail)).isEmpty();
    }

    @Test
    void doMailShouldNotCheckAuthenticatedOrRelayingClients() throws Exception {
        HeloPtrHook hook = hook(config("reject", "helo_not_fqdn"));
        FakeSession authenticated = session("localhost");
        authenticated.setUsername(Username.of("bob@tracewall.local"));
        FakeSession relaying = session("localhost");
        relaying.setRelayingAllowed(true);
        FakeMail mail = mail();

        assertThat(hook.doMail(authenticated, sender())).isEqualTo(HookResult.DECLINED);
        assertThat(hook.doMail(relaying, sender())).isEqualTo(HookResult.DECLINED);
        hook.onMessage(authenticated, mail);

        assertThat(mail.getAttribute(HeloPtrHook.FINDINGS)).isEmpty();
        assertThat(dns.questions()).isZero();
    }

    @Test
    void doMailShouldDeferWhenTooManySessionsOfTheNetworkWaitOnDns() throws Exception {
        PendingLookups pending = new PendingLookups(1, 0, 0, dns, UnaryOperator.identity());
        HeloPtrHook hook = new HeloPtrHook(new HeloPtrChecker(dns), pending);
        hook.init(new BaseHierarchicalConfiguration());
        // another client of the same /24 is waiting on its check
        Optional<PendingLookups.Permit> waiting = pending.tryEnter(IpAddresses.parseLiteral("192.0.2.11"), null);
        assertThat(waiting).isPresent();

        HookResult result = hook.doMail(session(HOST), sender());

        assertThat(result.getResult()).isEqualTo(HookReturnCode.denySoft());
        assertThat(result.getSmtpRetCode()).isEqualTo("451");
        assertThat(result.getSmtpDescription()).isEqualTo("4.4.5 Too many sessions are waiting for DNS answers; please try again later");
        waiting.get().close();
    }
}
