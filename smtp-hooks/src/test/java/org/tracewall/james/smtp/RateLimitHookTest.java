package org.tracewall.james.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.junit.jupiter.api.Test;
import org.tracewall.core.rate.RateConfig;
import org.tracewall.core.rate.RateLimiter;
import org.tracewall.core.store.InMemoryStateStore;

class RateLimitHookTest {
    private static final long NOW = 1_700_000_000_000L;

    private static RateLimitHook hook(Map<String, String> limits) throws ConfigurationException {
        RateLimitHook hook = new RateLimitHook(new RateLimiter(new InMemoryStateStore(() -> NOW), RateConfig.fromProperties(limits), () -> NOW));
        hook.init(new BaseHierarchicalConfiguration());
        return hook;
    }

    private static MaybeSender from(String address) throws Exception {
        return MaybeSender.of(new MailAddress(address));
    }

    @Test
    void initShouldRefuseAnyElementNamingIt() {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty("messagesPer15m", "10");
        RateLimitHook hook = new RateLimitHook(new RateLimiter(new InMemoryStateStore(), RateConfig.defaults()));

        assertThatThrownBy(() -> hook.init(config))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("RateLimitHook: unknown element(s) <messagesPer15m> (it takes none)");
    }

    @Test
    void doMailShouldDeferTheFirstMessageOverTheClientsRate() throws Exception {
        RateLimitHook hook = hook(Map.of("rate.messagesPer15m", "2"));
        FakeSession session = new FakeSession("192.0.2.9");

        assertThat(hook.doMail(session, from("a@sender.example"))).isEqualTo(HookResult.DECLINED);
        assertThat(hook.doMail(session, from("b@sender.example"))).isEqualTo(HookResult.DECLINED);
        HookResult third = hook.doMail(session, from("c@sender.example"));

        assertThat(third.getResult()).isEqualTo(HookReturnCode.denySoft());
        assertThat(third.getSmtpRetCode()).isEqualTo("451");
        assertThat(third.getSmtpDescription()).isEqualTo("4.7.0 Too many messages from 192.0.2.9 (2 per 15 minutes); try again later");
    }

    @Test
    void doMailShouldNotLimitAnAuthorizedNetworkWithoutAuth() throws Exception {
        RateLimitHook hook = hook(Map.of("rate.messagesPer15m", "1"));
        FakeSession relaying = new FakeSession("192.0.2.9");
        relaying.setRelayingAllowed(true);

        assertThat(hook.doMail(relaying, from("a@tracewall.local"))).isEqualTo(HookResult.DECLINED);
        assertThat(hook.doMail(relaying, from("a@tracewall.local"))).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void doMailShouldLimitAnAuthenticatedUserByTheUserLimit() throws Exception {
        RateLimitHook hook = hook(Map.of("rate.userMessagesPer15m", "1"));
        FakeSession session = FakeSession.authenticated("bob@tracewall.local");

        assertThat(hook.doMail(session, from("bob@tracewall.local"))).isEqualTo(HookResult.DECLINED);
        HookResult second = hook.doMail(session, from("bob@tracewall.local"));

        assertThat(second.getSmtpRetCode()).isEqualTo("451");
        assertThat(second.getSmtpDescription())
            .isEqualTo("4.7.0 Too many messages from user bob@tracewall.local (1 per 15 minutes); try again later");
    }

    @Test
    void doRcptShouldDeferTheFirstRecipientOverTheLimitOfAMessage() throws Exception {
        RateLimitHook hook = hook(Map.of("rate.recipientsPerMessage", "2"));
        FakeSession session = new FakeSession("192.0.2.9");
        session.setAttachment(SMTPSession.RCPT_LIST, List.of(new MailAddress("a@tracewall.local")), ProtocolSession.State.Transaction);
        assertThat(hook.doRcpt(session, from("x@sender.example"), new MailAddress("b@tracewall.local"))).isEqualTo(HookResult.DECLINED);
        session.setAttachment(SMTPSession.RCPT_LIST, List.of(new MailAddress("a@tracewall.local"), new MailAddress("b@tracewall.local")),
            ProtocolSession.State.Transaction);

        HookResult third = hook.doRcpt(session, from("x@sender.example"), new MailAddress("c@tracewall.local"));

        assertThat(third.getResult()).isEqualTo(HookReturnCode.denySoft());
        assertThat(third.getSmtpRetCode()).isEqualTo("452");
        assertThat(third.getSmtpDescription()).isEqualTo("4.5.3 Too many recipients (2 per message); send the rest in another message");
    }

    @Test
    void doRcptShouldLimitTheRecipientsOfAnAuthenticatedUser() throws Exception {
        RateLimitHook hook = hook(Map.of("rate.userRecipientsPer15m", "1"));
        FakeSession session = FakeSession.authenticated("bob@tracewall.local");

        assertThat(hook.doRcpt(session, from("bob@tracewall.local"), new MailAddress("a@remote.example"))).isEqualTo(HookResult.DECLINED);
        HookResult second = hook.doRcpt(session, from("bob@tracewall.local"), new MailAddress("b@remote.example"));

        assertThat(second.getSmtpRetCode()).isEqualTo("452");
        assertThat(second.getSmtpDescription())
            .isEqualTo("4.5.3 Too many recipients from user bob@tracewall.local (1 per 15 minutes); try again later");
    }

    @Test
    void doRcptShouldNotLimitAnAuthorizedNetworkWithoutAuth() throws Exception {
        RateLimitHook hook = hook(Map.of("rate.recipientsPerMessage", "1"));
        FakeSession relaying = new FakeSession("192.0.2.9");
        relaying.setRelayingAllowed(true);
        relaying.setAttachment(SMTPSession.RCPT_LIST, List.of(new MailAddress("a@remote.example")), ProtocolSession.State.Transaction);

        assertThat(hook.doRcpt(relaying, from("a@tracewall.local"), new MailAddress("b@remote.example"))).isEqualTo(HookResult.DECLINED);
    }
}
