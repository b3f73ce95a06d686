package org.tracewall.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import javax.mail.MessagingException;

import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracewall.james.BayesAttributes;
import org.tracewall.james.MailText;
import org.tracewall.james.ScoreSymbols;
import org.tracewall.reputation.bayes.BayesFilter;
import org.tracewall.reputation.bayes.BayesModel;
import org.tracewall.reputation.text.AttachmentReader;
import org.tracewall.reputation.text.MessageTextExtractor;
import org.tracewall.reputation.text.Tokenizer;

class BayesScoreTest {
    @TempDir
    Path folder;

    private BayesFilter filter;

    @BeforeEach
    void setUp() throws Exception {
        filter = new BayesFilter(BayesModel.loadOrEmpty(folder.resolve("bayes.model")), Tokenizer.standard());
    }

    private void train() {
        for (int i = 0; i < 25; i++) {
            filter.learn(raw("offer " + i, "cheap pills casino bonus winner " + i), true);
            filter.learn(raw("notes " + i, "project meeting agenda budget review " + i), false);
        }
    }

    private static byte[] raw(String subject, String body) {
        return ("From: a@example.test\r\nSubject: " + subject + "\r\n\r\n" + body + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static FakeMail mail(String subject, String body) throws MessagingException {
        return FakeMail.builder().name("m1").mimeMessage(new MimeMessageWrapper(MimeMessageInputStreamSource.create("m1",
            new ByteArrayInputStream(raw(subject, body))))).build();
    }

    @Test
    void initShouldRefuseAParameterItDoesNotTake() {
        BayesScore mailet = new BayesScore(filter, AttachmentReader.NONE);

        assertThatThrownBy(() -> mailet.init(FakeMailetConfig.builder().mailetName("b").setProperty("cutoff", "0.9").build()))
            .isInstanceOf(MessagingException.class).hasMessageContaining("cutoff");
    }

    @Test
    void anUntrainedModelShouldSaySoAndRecordNothing() throws Exception {
        BayesScore mailet = new BayesScore(filter, AttachmentReader.NONE);
        mailet.init(FakeMailetConfig.builder().mailetName("b").build());
        FakeMail mail = mail("offer", "cheap pills");

        mailet.service(mail);

        assertThat(mail.getMessage().getHeader(BayesScore.HEADER)).containsExactly("untrained");
        assertThat(ScoreSymbols.read(mail)).isEmpty();
    }

    @Test
    void theTextTheMailCarriesShouldBeClassifiedWithoutReadingTheMessageAgain() throws Exception {
        train();
        BayesScore mailet = new BayesScore(filter, AttachmentReader.NONE);
        mailet.init(FakeMailetConfig.builder().mailetName("b").build());
        FakeMail mail = mail("great offer", "cheap pills casino bonus winner");
        MailText.of(mail, AttachmentReader.NONE);
        long reads = MessageTextExtractor.extractions();

        mailet.service(mail);

        assertThat(MessageTextExtractor.extractions()).isEqualTo(reads);
        assertThat(mail.getMessage().getHeader(BayesScore.HEADER)[0]).endsWith("(spam)");
        assertThat(ScoreSymbols.read(mail)).anySatisfy(symbol -> assertThat(symbol.name()).isEqualTo(BayesAttributes.SYMBOL));
    }
}
