package org.tracewall.james.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.Username;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracewall.core.score.Symbol;
import org.tracewall.james.ReputationAttributes;
import org.tracewall.james.ScoreSymbols;
import org.tracewall.james.TracewallRuntime;
import org.tracewall.james.testing.TestRuntimes;
import org.tracewall.reputation.sender.ReputationFeatures;
import org.tracewall.reputation.sender.ReputationStore;

class ReputationHookTest {
    private static final String RAW = "From: a@sender.example\r\nTo: bob@tracewall.local\r\nSubject: hello\r\n"
        + "X-Originating-IP: [198.51.100.7]\r\n\r\nsee https://www.shop.example/deal\r\n";

    @TempDir
    Path root;

    private TracewallRuntime runtime;
    private ReputationHook hook;

    @BeforeEach
    void setUp() throws Exception {
        // A clock that stands still: what is recorded is looked up undecayed.
        runtime = TestRuntimes.memoryStore(root, () -> 1_700_000_000_000L);
        hook = new ReputationHook(runtime);
        hook.init(new BaseHierarchicalConfiguration());
    }

    @AfterEach
    void tearDown() {
        runtime.close();
    }

    private static FakeSession session() {
        FakeSession session = new FakeSession("192.0.2.9");
        session.setAttachment(SMTPSession.CURRENT_HELO_NAME, "mail.sender.example", ProtocolSession.State.Connection);
        return session;
    }

    private static FakeMail mail() throws MessagingException {
        return FakeMail.builder().name("m").sender("a@sender.example").recipient("bob@tracewall.local")
            .mimeMessage(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(RAW.getBytes(StandardCharsets.UTF_8)))).build();
    }

    private void record(String feature, ReputationStore.Outcome outcome, int times) {
        for (int i = 0; i < times; i++) {
            runtime.reputation().record(ReputationFeatures.ofKeys(List.of(feature)), outcome);
        }
    }

    private List<Symbol> symbolsOfAMail() throws Exception {
        FakeMail mail = mail();
        assertThat(hook.onMessage(session(), mail)).isEqualTo(HookResult.DECLINED);
        return ScoreSymbols.read(mail);
    }

    @Test
    void initShouldRefuseAnyElementNamingIt() {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty("halfLife", "7d");

        assertThatThrownBy(() -> new ReputationHook(runtime).init(config))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("ReputationHook: unknown element(s) <halfLife> (it takes none)");
    }

    @Test
    void onMessageShouldCarryTheMailsFeaturesForTheDecisionToTeach() throws Exception {
        FakeMail mail = mail();

        hook.onMessage(session(), mail);

        assertThat(ReputationAttributes.features(mail).orElseThrow().keys()).containsExactly("ip:192.0.2.9", "net:192.0.2.0/24",
            "domain:sender.example", "helo:mail.sender.example", "xoip:198.51.100.7", "url:shop.example",
            "cluster:mail.sender.example|sender.example|shop.example");
    }

    @Test
    void onMessageShouldGiveNoSymbolForFeaturesItDoesNotKnow() throws Exception {
        assertThat(symbolsOfAMail()).isEmpty();
    }

    @Test
    void onMessageShouldGiveReputationBadForTheWorstFeatureKnownWellEnough() throws Exception {
        record("ip:192.0.2.9", ReputationStore.Outcome.BAD, 5);
        record("domain:sender.example", ReputationStore.Outcome.BAD, 2);

        assertThat(symbolsOfAMail()).containsExactly(Symbol.of("REPUTATION_BAD", 5.0 / 7, "ip:192.0.2.9"));
    }

    @Test
    void onMessageShouldGiveReputationGoodForTheBestFeatureWhenEveryKnownOneIsGood() throws Exception {
        record("domain:sender.example", ReputationStore.Outcome.GOOD, 5);
        record("helo:mail.sender.example", ReputationStore.Outcome.GOOD, 3);

        assertThat(symbolsOfAMail()).containsExactly(Symbol.of("REPUTATION_GOOD", 5.0 / 7, "domain:sender.example"));
    }

    @Test
    void onMessageShouldGiveNoSymbolWhenTheWorstKnownFeatureIsNeitherGoodNorBadEnough() throws Exception {
        record("domain:sender.example", ReputationStore.Outcome.GOOD, 5);
        record("ip:192.0.2.9", ReputationStore.Outcome.GOOD, 2);
        record("ip:192.0.2.9", ReputationStore.Outcome.BAD, 3);

        assertThat(symbolsOfAMail()).isEmpty();
    }

    @Test
    void onMessageShouldLeaveAuthenticatedAndRelayingSessionsOut() throws Exception {
        record("ip:192.0.2.9", ReputationStore.Outcome.BAD, 5);
        FakeSession authenticated = session();
        authenticated.setUsername(Username.of("bob@tracewall.local"));
        FakeSession relaying = session();
        relaying.setRelayingAllowed(true);
        FakeMail mail = mail();

        hook.onMessage(authenticated, mail);
        hook.onMessage(relaying, mail);

        assertThat(ScoreSymbols.read(mail)).isEmpty();
        assertThat(ReputationAttributes.features(mail)).isEmpty();
    }
}
