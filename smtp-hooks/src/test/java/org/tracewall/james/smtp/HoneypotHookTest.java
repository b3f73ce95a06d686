package org.tracewall.james.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.Username;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracewall.core.net.IpAddresses;
import org.tracewall.core.score.Symbol;
import org.tracewall.james.ScoreSymbols;
import org.tracewall.james.TracewallRuntime;
import org.tracewall.james.testing.TestRuntimes;
import org.tracewall.reputation.fingerprint.Fingerprint;
import org.tracewall.reputation.text.MessageTextExtractor;

class HoneypotHookTest {
    private static final String TRAP = "trap@tracewall.local";
    private static final String CLIENT = "192.0.2.9";
    private static final String RAW = "From: a@sender.example\r\nTo: trap@tracewall.local\r\nSubject: offer\r\n\r\n"
        + "cheap pills casino bonus winner claim your prize today before the offer ends tonight\r\n";

    @TempDir
    Path root;

    private TracewallRuntime runtime;
    private HoneypotHook hook;

    @BeforeEach
    void setUp() throws Exception {
        runtime = TestRuntimes.memoryStore(root, () -> 1_700_000_000_000L, "honeypot.addresses=" + TRAP);
        hook = new HoneypotHook(runtime);
        hook.init(new BaseHierarchicalConfiguration());
    }

    @AfterEach
    void tearDown() {
        runtime.close();
    }

    private static FakeMail mail(String... recipients) throws MessagingException {
        return FakeMail.builder().name("m").sender("a@sender.example").recipients(recipients)
            .mimeMessage(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(RAW.getBytes(StandardCharsets.UTF_8)))).build();
    }

    private static Fingerprint print() {
        return Fingerprint.of(MessageTextExtractor.extract(RAW.getBytes(StandardCharsets.UTF_8)).body()).orElseThrow();
    }

    private boolean clientWasTrapped() {
        return runtime.honeypot().wasTrapped(IpAddresses.parseLiteral(CLIENT));
    }

    @Test
    void initShouldRefuseAnyElementNamingIt() {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty("addresses", TRAP);

        assertThatThrownBy(() -> new HoneypotHook(runtime).init(config))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("HoneypotHook: unknown element(s) <addresses> (it takes none)");
    }

    @Test
    void doRcptShouldAcceptATrapLikeAMailboxWhateverItsCase() throws Exception {
        HookResult result = hook.doRcpt(new FakeSession(CLIENT), MaybeSender.of(new MailAddress("a@sender.example")),
            new MailAddress("Trap@Tracewall.local"));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.ok());
    }

    @Test
    void doRcptShouldLeaveOtherRecipientsToTheOtherChecks() throws Exception {
        HookResult result = hook.doRcpt(new FakeSession(CLIENT), MaybeSender.of(new MailAddress("a@sender.example")),
            new MailAddress("bob@tracewall.local"));

        assertThat(result).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void onMessageShouldTakeTheTrapFromTheRecipientsRememberTheClientAndReportThePrint() throws Exception {
        FakeMail mail = mail(TRAP, "bob@tracewall.local");

        assertThat(hook.onMessage(new FakeSession(CLIENT), mail)).isEqualTo(HookResult.DECLINED);

        assertThat(mail.getRecipients()).containsExactly(new MailAddress("bob@tracewall.local"));
        assertThat(mail.getAttribute(HoneypotHook.TRAPPED)).isEmpty();
        assertThat(clientWasTrapped()).isTrue();
        assertThat(runtime.fingerprints().isKnownSpam(print())).isTrue();
    }

    @Test
    void onMessageShouldMarkMailForTrapsOnlyAsTrapped() throws Exception {
        FakeMail mail = mail(TRAP);

        hook.onMessage(new FakeSession(CLIENT), mail);

        assertThat(mail.getRecipients()).isEmpty();
        assertThat(mail.getAttribute(HoneypotHook.TRAPPED)).contains(new Attribute(HoneypotHook.TRAPPED, AttributeValue.of(TRAP)));
    }

    @Test
    void onMessageShouldScoreTheLaterMailOfATrappedClient() throws Exception {
        hook.onMessage(new FakeSession(CLIENT), mail(TRAP));
        FakeMail later = mail("bob@tracewall.local");

        hook.onMessage(new FakeSession(CLIENT), later);

        assertThat(later.getRecipients()).containsExactly(new MailAddress("bob@tracewall.local"));
        assertThat(ScoreSymbols.read(later)).containsExactly(Symbol.of("HONEYPOT_CLIENT", 1.0, CLIENT));
    }

    @Test
    void onMessageShouldNotScoreTheMailOfAnotherClient() throws Exception {
        hook.onMessage(new FakeSession(CLIENT), mail(TRAP));
        FakeMail other = mail("bob@tracewall.local");

        hook.onMessage(new FakeSession("192.0.2.10"), other);

        assertThat(ScoreSymbols.read(other)).isEmpty();
    }

    @Test
    void onMessageShouldLearnNothingFromAnAuthenticatedSessionButStillDeliverNothingToTheTrap() throws Exception {
        FakeSession session = new FakeSession(CLIENT);
        session.setUsername(Username.of("bob@tracewall.local"));
        FakeMail mail = mail(TRAP);

        hook.onMessage(session, mail);

        assertThat(mail.getRecipients()).isEmpty();
        assertThat(mail.getAttribute(HoneypotHook.TRAPPED)).isPresent();
        assertThat(clientWasTrapped()).isFalse();
        assertThat(runtime.fingerprints().isKnownSpam(print())).isFalse();
    }

    @Test
    void onMessageShouldNotScoreATrappedClientOnceItIsTrusted() throws Exception {
        hook.onMessage(new FakeSession(CLIENT), mail(TRAP));
        FakeSession relaying = new FakeSession(CLIENT);
        relaying.setRelayingAllowed(true);
        FakeMail later = mail("bob@tracewall.local");

        hook.onMessage(relaying, later);

        assertThat(ScoreSymbols.read(later)).isEmpty();
    }
}
