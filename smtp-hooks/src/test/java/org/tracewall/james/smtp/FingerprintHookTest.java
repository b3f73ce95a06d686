package org.tracewall.james.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.Username;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracewall.core.score.KnownSymbol;
import org.tracewall.core.score.Symbol;
import org.tracewall.james.ScoreSymbols;
import org.tracewall.james.TracewallRuntime;
import org.tracewall.james.testing.TestRuntimes;
import org.tracewall.reputation.fingerprint.Fingerprint;

/** Bulk prints at the end of DATA, counted in a real Tracewall runtime's memory state store (bulk from 2 recipients). */
class FingerprintHookTest {
    private static final String BODY = "Dear customer, your parcel could not be delivered today because the address label was damaged. "
        + "Please confirm your address within two days so that we can send it again.";

    @TempDir
    Path work;

    private TracewallRuntime runtime;
    private FingerprintHook hook;

    @BeforeEach
    void setUp() throws Exception {
        runtime = TestRuntimes.memoryStore(work, System::currentTimeMillis, "fingerprint.bulkRecipients=2");
        hook = new FingerprintHook(runtime);
        hook.init(new BaseHierarchicalConfiguration());
    }

    @AfterEach
    void tearDown() {
        runtime.close();
    }

    private static FakeMail mail(String body, String... recipients) throws Exception {
        return FakeMail.builder().name("m1").sender("news@example.test").recipients(recipients)
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().addFrom("news@example.test").setSubject("Your parcel").setText(body))
            .build();
    }

    private FakeMail received(String body, String... recipients) throws Exception {
        FakeMail mail = mail(body, recipients);
        assertThat(hook.onMessage(new FakeSession("198.51.100.5"), mail)).isEqualTo(HookResult.DECLINED);
        return mail;
    }

    @Test
    void initShouldRefuseAnyChildElement() {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty("bulkRecipients", "20");

        assertThatThrownBy(() -> hook.init(config))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("FingerprintHook: unknown element(s) <bulkRecipients> (it takes none)");
    }

    @Test
    void onMessageShouldKeepThePrintOfTheBody() throws Exception {
        FakeMail mail = received(BODY, "bob@tracewall.local");

        assertThat(mail.getAttribute(FingerprintHook.PRINT)).map(Attribute::getValue)
            .contains(AttributeValue.of(Fingerprint.of(BODY).orElseThrow().toString()));
        assertThat(ScoreSymbols.read(mail)).isEmpty();
    }

    @Test
    void theCopyThatReachesTheBulkThresholdShouldBeBulk() throws Exception {
        received(BODY, "bob@tracewall.local");

        FakeMail second = received(BODY, "alice@tracewall.local");

        assertThat(ScoreSymbols.read(second)).containsExactly(KnownSymbol.BULK.symbol(1.0, "2 recipients"));
    }

    @Test
    void oneCopyToEnoughRecipientsShouldBeBulkAtOnce() throws Exception {
        FakeMail mail = received(BODY, "bob@tracewall.local", "alice@tracewall.local", "carol@tracewall.local");

        assertThat(ScoreSymbols.read(mail)).extracting(Symbol::name).containsExactly("BULK");
    }

    @Test
    void aPrintReportedAsSpamShouldGiveFuzzySpam() throws Exception {
        runtime.fingerprints().reportSpam(Fingerprint.of(BODY).orElseThrow());

        FakeMail mail = received(BODY, "bob@tracewall.local");

        assertThat(ScoreSymbols.read(mail)).extracting(Symbol::name).containsExactly("FUZZY_SPAM");
    }

    @Test
    void anotherTextShouldNotCountAsACopy() throws Exception {
        received(BODY, "bob@tracewall.local");

        FakeMail other = received("Minutes of the meeting on Tuesday: the budget for the next quarter was approved, the new office "
            + "opens in March, and the team dinner moves to the second Friday of the month.", "alice@tracewall.local");

        assertThat(ScoreSymbols.read(other)).isEmpty();
    }

    @Test
    void mailFromAnAuthenticatedUserShouldNeitherBePrintedNorCounted() throws Exception {
        FakeSession session = new FakeSession("192.0.2.20");
        session.setUsername(Username.of("bob@tracewall.local"));
        FakeMail outgoing = mail(BODY, "someone@example.test");

        assertThat(hook.onMessage(session, outgoing)).isEqualTo(HookResult.DECLINED);
        FakeMail incoming = received(BODY, "alice@tracewall.local");

        assertThat(outgoing.getAttribute(FingerprintHook.PRINT)).isEmpty();
        assertThat(ScoreSymbols.read(incoming)).isEmpty();
    }

    @Test
    void aTextTooShortToPrintShouldGetNoPrint() throws Exception {
        FakeMail mail = received("See you at noon.", "bob@tracewall.local");

        assertThat(mail.getAttribute(FingerprintHook.PRINT)).isEmpty();
    }
}
