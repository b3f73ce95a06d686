package org.tracewall.james.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.Username;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracewall.core.score.KnownSymbol;
import org.tracewall.core.trace.TraceReason;
import org.tracewall.core.trace.TraceResult;
import org.tracewall.core.trace.TraceVerdict;
import org.tracewall.james.ScoreSymbols;
import org.tracewall.james.TracewallRuntime;
import org.tracewall.james.testing.TestRuntimes;

/** The auto-whitelist at RCPT, on a real Tracewall runtime over the memory state store. */
class AutoWhitelistHookTest {
    private static final MailAddress BOB = address("bob@tracewall.local");
    private static final MailAddress ALICE = address("alice@tracewall.local");
    private static final MailAddress CAROL = address("carol@example.test");

    @TempDir
    Path work;

    private TracewallRuntime runtime;
    private AutoWhitelistHook hook;

    @BeforeEach
    void setUp() throws Exception {
        runtime = TestRuntimes.memoryStore(work, System::currentTimeMillis);
        hook = new AutoWhitelistHook(runtime);
        hook.init(new BaseHierarchicalConfiguration());
    }

    @AfterEach
    void tearDown() {
        runtime.close();
    }

    private static MailAddress address(String address) {
        try {
            return new MailAddress(address);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void bobWritesTo(MailAddress correspondent) {
        FakeSession outgoing = new FakeSession("192.0.2.20");
        outgoing.setUsername(Username.of(BOB.asString()));
        assertThat(hook.doRcpt(outgoing, MaybeSender.of(BOB), correspondent)).isEqualTo(HookResult.DECLINED);
    }

    /** A session whose sender TraceabilityHook traced (or not) at MAIL FROM. */
    private static FakeSession incoming(TraceResult trace) {
        FakeSession session = new FakeSession("198.51.100.5");
        session.setAttachment(TraceabilityHook.VERDICT, new TraceVerdict(trace, TraceReason.SPF_PASS, "", "example.test", null),
            ProtocolSession.State.Transaction);
        return session;
    }

    private static FakeMail mail(MailAddress... recipients) throws Exception {
        return FakeMail.builder().name("m1").sender(CAROL).recipients(recipients).build();
    }

    @Test
    void initShouldRefuseAnyChildElement() {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty("lifetime", "30d");

        assertThatThrownBy(() -> hook.init(config))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("AutoWhitelistHook: unknown element(s) <lifetime> (it takes none)");
    }

    @Test
    void aTracedCorrespondentOfALocalUserShouldBeWhitelistedForThatUser() throws Exception {
        bobWritesTo(CAROL);
        FakeSession session = incoming(TraceResult.TRACEABLE);
        FakeMail mail = mail(BOB);

        assertThat(hook.doRcpt(session, MaybeSender.of(CAROL), BOB)).isEqualTo(HookResult.DECLINED);
        assertThat(hook.onMessage(session, mail)).isEqualTo(HookResult.DECLINED);

        assertThat(SessionTrust.isAutoWhitelisted(session, BOB)).isTrue();
        assertThat(ScoreSymbols.read(mail)).containsExactly(KnownSymbol.AUTO_WHITELIST.symbol(1.0, "carol@example.test"));
    }

    @Test
    void aUserWhoLogsInWithoutTheDomainShouldStillWhitelistForTheirAddress() throws Exception {
        FakeSession outgoing = new FakeSession("192.0.2.20");
        outgoing.setUsername(Username.of("bob"));
        hook.doRcpt(outgoing, MaybeSender.of(BOB), CAROL);
        FakeSession session = incoming(TraceResult.TRACEABLE);

        hook.doRcpt(session, MaybeSender.of(CAROL), BOB);

        assertThat(SessionTrust.isAutoWhitelisted(session, BOB)).isTrue();
    }

    @Test
    void anUntracedSenderShouldNotBeWhitelisted() throws Exception {
        bobWritesTo(CAROL);
        FakeSession untraceable = incoming(TraceResult.UNTRACEABLE);
        FakeSession unjudged = new FakeSession("198.51.100.5");

        hook.doRcpt(untraceable, MaybeSender.of(CAROL), BOB);
        hook.doRcpt(unjudged, MaybeSender.of(CAROL), BOB);

        assertThat(SessionTrust.isAutoWhitelisted(untraceable, BOB)).isFalse();
        assertThat(SessionTrust.isAutoWhitelisted(unjudged, BOB)).isFalse();
    }

    @Test
    void aCorrespondentShouldBeTrustedOnlyByTheUserWhoWroteToIt() {
        bobWritesTo(CAROL);
        FakeSession session = incoming(TraceResult.TRACEABLE);

        hook.doRcpt(session, MaybeSender.of(CAROL), ALICE);

        assertThat(SessionTrust.isAutoWhitelisted(session, ALICE)).isFalse();
    }

    @Test
    void aSenderTheUserNeverWroteToShouldNotBeWhitelisted() {
        bobWritesTo(address("dave@example.test"));
        FakeSession session = incoming(TraceResult.TRACEABLE);

        hook.doRcpt(session, MaybeSender.of(CAROL), BOB);

        assertThat(SessionTrust.isAutoWhitelisted(session, BOB)).isFalse();
    }

    @Test
    void onMessageShouldGiveTheSymbolOnlyWhenEveryRecipientTrustsTheSender() throws Exception {
        bobWritesTo(CAROL);
        FakeSession session = incoming(TraceResult.TRACEABLE);
        FakeMail mail = mail(BOB, ALICE);
        hook.doRcpt(session, MaybeSender.of(CAROL), BOB);
        hook.doRcpt(session, MaybeSender.of(CAROL), ALICE);

        hook.onMessage(session, mail);

        assertThat(ScoreSymbols.read(mail)).isEmpty();
    }
}
