package org.tracewall.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracewall.james.TracewallRuntime;
import org.tracewall.james.testing.TestRuntimes;
import org.tracewall.reputation.bayes.BayesModel;
import org.tracewall.reputation.fingerprint.Fingerprint;
import org.tracewall.reputation.text.MessageTextExtractor;

class BayesLearnTest {
    private static final String SPAM = "From: a@example.test\r\nSubject: offer\r\n\r\n"
        + "cheap pills casino bonus winner claim your prize today before the offer ends tonight\r\n";
    private static final String OTHER_SPAM = "From: b@example.test\r\nSubject: loans\r\n\r\n"
        + "instant loans approved without checks apply now and receive the money within one hour\r\n";

    @TempDir
    Path root;

    private TracewallRuntime runtime;

    @BeforeEach
    void setUp() throws Exception {
        runtime = TestRuntimes.memoryStore(root, () -> 1_700_000_000_000L);
    }

    @AfterEach
    void tearDown() {
        runtime.close();
    }

    private BayesLearn init(String as) throws MessagingException {
        BayesLearn mailet = new BayesLearn(runtime);
        mailet.init(FakeMailetConfig.builder().mailetName("learn").setProperty("as", as).build());
        return mailet;
    }

    private static FakeMail mail(String raw, String authUser) throws MessagingException {
        FakeMail.Builder mail = FakeMail.builder().name("report").sender("bob@tracewall.local").recipient("spam@tracewall.local")
            .mimeMessage(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
        if (authUser != null) {
            mail.attribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of(authUser)));
        }
        return mail.build();
    }

    private static Fingerprint print(String raw) {
        return Fingerprint.of(MessageTextExtractor.extract(raw.getBytes(StandardCharsets.UTF_8)).body()).orElseThrow();
    }

    private static String forwardedAsAttachments(String... messages) {
        StringBuilder raw = new StringBuilder("From: bob@tracewall.local\r\nSubject: spam reports\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nthese are spam\r\n");
        for (String message : messages) {
            raw.append("--b\r\nContent-Type: message/rfc822\r\n\r\n").append(message);
        }
        return raw.append("--b--\r\n").toString();
    }

    @Test
    void initShouldRefuseAParameterItDoesNotTake() {
        assertThatThrownBy(() -> new BayesLearn(runtime).init(FakeMailetConfig.builder().mailetName("learn")
            .setProperty("as", "spam").setProperty("label", "spam").build()))
            .isInstanceOf(MessagingException.class).hasMessageContaining("[label]");
    }

    @Test
    void initShouldRefuseALabelOtherThanSpamOrHam() {
        assertThatThrownBy(() -> init("junk"))
            .isInstanceOf(MessagingException.class).hasMessage("BayesLearn needs <as>spam</as> or <as>ham</as>, not 'junk'");
    }

    @Test
    void initShouldRefuseAMissingLabel() {
        assertThatThrownBy(() -> new BayesLearn(runtime).init(FakeMailetConfig.builder().mailetName("learn").build()))
            .isInstanceOf(MessagingException.class).hasMessage("BayesLearn needs <as>spam</as> or <as>ham</as>, not ''");
    }

    @Test
    void serviceShouldLearnTheMailOfAnAuthenticatedUserSaveTheModelAndReportItsPrint() throws Exception {
        FakeMail mail = mail(SPAM, "bob@tracewall.local");

        init("spam").service(mail);

        assertThat(mail.getAttribute(BayesLearn.LEARNED)).contains(new Attribute(BayesLearn.LEARNED, AttributeValue.of(1)));
        assertThat(runtime.bayes().model().totals().spamMessages()).isEqualTo(1);
        assertThat(BayesModel.load(root.resolve("var/tracewall/bayes.model")).totals().spamMessages()).isEqualTo(1);
        assertThat(runtime.fingerprints().isKnownSpam(print(SPAM))).isTrue();
    }

    @Test
    void serviceShouldIgnoreMailThatIsNotAuthenticated() throws Exception {
        FakeMail mail = mail(SPAM, null);

        init("spam").service(mail);

        assertThat(mail.getAttribute(BayesLearn.LEARNED)).isEmpty();
        assertThat(runtime.bayes().model().totals().spamMessages()).isZero();
        assertThat(runtime.fingerprints().isKnownSpam(print(SPAM))).isFalse();
    }

    @Test
    void serviceShouldNotCountTheSameMessageTwice() throws Exception {
        BayesLearn mailet = init("spam");
        mailet.service(mail(SPAM, "bob@tracewall.local"));
        FakeMail again = mail(SPAM, "bob@tracewall.local");

        mailet.service(again);

        assertThat(again.getAttribute(BayesLearn.LEARNED)).contains(new Attribute(BayesLearn.LEARNED, AttributeValue.of(0)));
        assertThat(runtime.bayes().model().totals().spamMessages()).isEqualTo(1);
    }

    @Test
    void serviceShouldLearnEachAttachedMessageRatherThanTheReport() throws Exception {
        FakeMail mail = mail(forwardedAsAttachments(SPAM, OTHER_SPAM), "bob@tracewall.local");

        init("spam").service(mail);

        assertThat(mail.getAttribute(BayesLearn.LEARNED)).contains(new Attribute(BayesLearn.LEARNED, AttributeValue.of(2)));
        assertThat(runtime.bayes().model().totals().spamMessages()).isEqualTo(2);
        assertThat(runtime.fingerprints().isKnownSpam(print(OTHER_SPAM))).isTrue();
    }

    @Test
    void serviceAsHamShouldRelearnASpamAndTakeItsSpamReportBack() throws Exception {
        init("spam").service(mail(SPAM, "bob@tracewall.local"));
        FakeMail correction = mail(SPAM, "bob@tracewall.local");

        init("ham").service(correction);

        assertThat(correction.getAttribute(BayesLearn.LEARNED)).contains(new Attribute(BayesLearn.LEARNED, AttributeValue.of(1)));
        assertThat(runtime.bayes().model().totals().spamMessages()).isZero();
        assertThat(runtime.bayes().model().totals().hamMessages()).isEqualTo(1);
        assertThat(runtime.fingerprints().isKnownSpam(print(SPAM))).isFalse();
    }
}
