package org.tracewall.james.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.server.core.configuration.Configuration;
import org.apache.james.server.core.filesystem.FileSystemImpl;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracewall.core.score.Symbol;
import org.tracewall.james.ScoreSymbols;

/** The access db through the hook's SMTP entry points, over a file in a real James conf/ folder. */
class AccessDbHookTest {
    private static final MaybeSender NOBODY = MaybeSender.nullSender();

    @TempDir
    Path work;

    private AccessDbHook hook(String... lines) throws Exception {
        Files.createDirectories(work.resolve("conf"));
        Files.write(work.resolve("conf/access.txt"), List.of(lines));
        Configuration.Basic james = Configuration.builder().workingDirectory(work.toFile())
            .configurationPath(new Configuration.ConfigurationPath("file://conf/")).build();
        AccessDbHook hook = new AccessDbHook(new FileSystemImpl(james.directories()));
        hook.init(new BaseHierarchicalConfiguration());
        return hook;
    }

    private static MailAddress address(String address) throws Exception {
        return new MailAddress(address);
    }

    private static FakeMail mail(String... recipients) throws Exception {
        return FakeMail.builder().name("m1").sender("alice@example.test").recipients(recipients).build();
    }

    @Test
    void initShouldRefuseAMisspeltFileElement() {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty("fiel", "access.txt");

        assertThatThrownBy(() -> new AccessDbHook(null).init(config))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("AccessDbHook: unknown element(s) <fiel> (known: file)");
    }

    @Test
    void initShouldRefuseAFileThatDoesNotExist() throws Exception {
        hook("Connect:198.51.100.7 REJECT");
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty("file", "acess.txt");
        Configuration.Basic james = Configuration.builder().workingDirectory(work.toFile())
            .configurationPath(new Configuration.ConfigurationPath("file://conf/")).build();

        assertThatThrownBy(() -> new AccessDbHook(new FileSystemImpl(james.directories())).init(config))
            .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("<file>acess.txt</file>: no such file ");
    }

    @Test
    void doHeloShouldRefuseAConnectRejectWith554AndDisconnect() throws Exception {
        HookResult result = hook("Connect:192.0.2 REJECT").doHelo(new FakeSession("192.0.2.9"), "mx.example.test");

        assertThat(result.getResult()).isEqualTo(HookReturnCode.disconnected(HookReturnCode.Action.DENY));
        assertThat(result.getSmtpRetCode()).isEqualTo("554");
        assertThat(result.getSmtpDescription()).isEqualTo("5.7.1 Access denied");
    }

    @Test
    void doHeloShouldJudgeTheClientOnlyAtTheFirstGreeting() throws Exception {
        AccessDbHook hook = hook("Connect:192.0.2 REJECT");
        FakeSession session = new FakeSession("192.0.2.9");
        hook.doHelo(session, "mx.example.test");

        // EHLO again after STARTTLS: the client was already judged.
        assertThat(hook.doHelo(session, "mx.example.test")).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void doHeloShouldDeferATemporaryErrorWith421AndDisconnect() throws Exception {
        HookResult result = hook("Connect:192.0.2.9 ERROR:4.7.0:Come back later").doHelo(new FakeSession("192.0.2.9"), "mx");

        assertThat(result.getResult()).isEqualTo(HookReturnCode.disconnected(HookReturnCode.Action.DENYSOFT));
        assertThat(result.getSmtpRetCode()).isEqualTo("421");
        assertThat(result.getSmtpDescription()).isEqualTo("4.7.0 Come back later");
    }

    @Test
    void doHeloShouldLetAnUnlistedClientThrough() throws Exception {
        assertThat(hook("Connect:192.0.2 REJECT").doHelo(new FakeSession("198.51.100.1"), "mx")).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void doHeloShouldAllowRelayingForARelayEntry() throws Exception {
        FakeSession session = new FakeSession("198.51.100.7");

        assertThat(hook("Connect:198.51.100.7 RELAY").doHelo(session, "mx")).isEqualTo(HookResult.DECLINED);
        assertThat(session.isRelayingAllowed()).isTrue();
    }

    @Test
    void doMailShouldRefuseAnErrorSenderWith550AndItsText() throws Exception {
        HookResult result = hook("From:spammer@example.com ERROR:5.7.1:\"Go away\"")
            .doMail(new FakeSession("192.0.2.9"), MaybeSender.of(address("spammer@example.com")));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("550");
        assertThat(result.getSmtpDescription()).isEqualTo("5.7.1 Go away");
    }

    @Test
    void doMailShouldTrustAnOkSenderForTheTransactionOnly() throws Exception {
        FakeSession session = new FakeSession("192.0.2.9");

        assertThat(hook("From:partner.example OK").doMail(session, MaybeSender.of(address("ann@partner.example"))))
            .isEqualTo(HookResult.DECLINED);
        assertThat(SessionTrust.isTrusted(session)).isTrue();
        session.endTransaction();
        assertThat(SessionTrust.isTrusted(session)).isFalse();
    }

    @Test
    void aRelaySenderShouldBeTrustedForItsMailButNeverMayRelay() throws Exception {
        for (String entry : List.of("From:partner.example RELAY", "partner.example RELAY")) {
            FakeSession session = new FakeSession("192.0.2.9");

            assertThat(hook(entry).doMail(session, MaybeSender.of(address("ann@partner.example")))).isEqualTo(HookResult.DECLINED);
            assertThat(session.isRelayingAllowed()).as(entry + ": anyone can write this MAIL FROM").isFalse();
            assertThat(SessionTrust.isTrusted(session)).as(entry).isTrue();
            session.endTransaction();
            assertThat(SessionTrust.isTrusted(session)).as(entry).isFalse();
        }
    }

    @Test
    void anUntaggedEntryShouldApplyToTheSenderToo() throws Exception {
        HookResult result = hook("example.net REJECT").doMail(new FakeSession("192.0.2.9"), MaybeSender.of(address("x@mail.example.net")));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
    }

    @Test
    void doRcptShouldDeferATemporaryErrorRecipientWith451() throws Exception {
        HookResult result = hook("To:sales@tracewall.local ERROR:4.2.2:Mailbox full")
            .doRcpt(new FakeSession("192.0.2.9"), NOBODY, address("sales@tracewall.local"));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.denySoft());
        assertThat(result.getSmtpRetCode()).isEqualTo("451");
        assertThat(result.getSmtpDescription()).isEqualTo("4.2.2 Mailbox full");
    }

    @Test
    void doRcptShouldAcceptAnOkRecipientAtOnce() throws Exception {
        AccessDbHook hook = hook("To:abuse@tracewall.local OK");

        assertThat(hook.doRcpt(new FakeSession("192.0.2.9"), NOBODY, address("abuse@tracewall.local"))).isEqualTo(HookResult.OK);
        assertThat(hook.doRcpt(new FakeSession("192.0.2.9"), NOBODY, address("bob@tracewall.local"))).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void aSpamFriendShouldSkipTheSpamChecksAndGetItsSymbol() throws Exception {
        AccessDbHook hook = hook("Spam:postmaster@ FRIEND");
        FakeSession session = new FakeSession("192.0.2.9");
        FakeMail mail = mail("postmaster@tracewall.local");

        assertThat(hook.doRcpt(session, NOBODY, address("postmaster@tracewall.local"))).isEqualTo(HookResult.DECLINED);
        assertThat(SessionTrust.skipsSpamChecks(session, address("postmaster@tracewall.local"))).isTrue();
        assertThat(hook.onMessage(session, mail)).isEqualTo(HookResult.DECLINED);

        assertThat(mail.getAttribute(AccessDbHook.SPAM)).map(Attribute::getValue).contains(AttributeValue.of("friend:postmaster@tracewall.local"));
        assertThat(ScoreSymbols.read(mail)).extracting(Symbol::name).containsExactly("ACCESS_SPAM_FRIEND");
    }

    @Test
    void aFriendAmongOtherRecipientsShouldNotGiveTheFriendSymbol() throws Exception {
        FakeMail mail = mail("postmaster@tracewall.local", "bob@tracewall.local");

        hook("Spam:postmaster@ FRIEND").onMessage(new FakeSession("192.0.2.9"), mail);

        assertThat(mail.getAttribute(AccessDbHook.SPAM)).isPresent();
        assertThat(ScoreSymbols.read(mail)).isEmpty();
    }

    @Test
    void aSpamHaterShouldBeCheckedEvenFromAnOkClient() throws Exception {
        AccessDbHook hook = hook("Connect:192.0.2.9 OK", "Spam:carol@tracewall.local HATER");
        FakeSession session = new FakeSession("192.0.2.9");
        FakeMail mail = mail("carol@tracewall.local", "bob@tracewall.local");
        hook.doHelo(session, "mx");

        hook.doRcpt(session, NOBODY, address("carol@tracewall.local"));
        hook.onMessage(session, mail);

        assertThat(SessionTrust.skipsSpamChecks(session, address("bob@tracewall.local"))).isTrue();
        assertThat(SessionTrust.skipsSpamChecks(session, address("carol@tracewall.local"))).isFalse();
        assertThat(ScoreSymbols.read(mail)).extracting(Symbol::name).containsExactly("ACCESS_SPAM_HATER");
    }

    @Test
    void aDiscardSenderShouldBeAcceptedThenMarkedForTheNullMailet() throws Exception {
        AccessDbHook hook = hook("From:example.net DISCARD");
        FakeSession session = new FakeSession("192.0.2.9");
        FakeMail mail = mail("bob@tracewall.local");

        assertThat(hook.doMail(session, MaybeSender.of(address("x@example.net")))).isEqualTo(HookResult.DECLINED);
        assertThat(hook.onMessage(session, mail)).isEqualTo(HookResult.DECLINED);

        assertThat(mail.getAttribute(AccessDbHook.DISCARDED)).map(Attribute::getValue).contains(AttributeValue.of(true));
    }

    @Test
    void mailOfAnotherSenderShouldNotBeMarkedForDiscarding() throws Exception {
        AccessDbHook hook = hook("From:example.net DISCARD");
        FakeSession session = new FakeSession("192.0.2.9");
        FakeMail mail = mail("bob@tracewall.local");

        hook.doMail(session, MaybeSender.of(address("x@example.org")));
        hook.onMessage(session, mail);

        assertThat(mail.getAttribute(AccessDbHook.DISCARDED)).isEmpty();
    }

    @Test
    void aBadLineShouldBeSkippedAndTheOthersApply() throws Exception {
        AccessDbHook hook = hook("Conect:192.0.2.9 REJECT", "From:spammer@example.com REJECT");

        assertThat(hook.doHelo(new FakeSession("192.0.2.9"), "mx")).isEqualTo(HookResult.DECLINED);
        assertThat(hook.doMail(new FakeSession("192.0.2.9"), MaybeSender.of(address("spammer@example.com"))).getResult())
            .isEqualTo(HookReturnCode.deny());
    }

    @Test
    void anEditedFileShouldApplyWithoutARestart() throws Exception {
        AccessDbHook hook = hook("# nothing yet");
        Files.writeString(work.resolve("conf/access.txt"), "Connect:192.0.2 REJECT\n");

        assertThat(hook.doHelo(new FakeSession("192.0.2.9"), "mx").getSmtpRetCode()).isEqualTo("554");
    }
}
