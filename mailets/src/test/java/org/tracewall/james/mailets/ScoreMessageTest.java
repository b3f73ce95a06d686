package org.tracewall.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import javax.mail.MessagingException;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tracewall.core.score.ScoreConfig;
import org.tracewall.core.score.Symbol;
import org.tracewall.james.ScoreAttributes;
import org.tracewall.james.ScoreSymbols;
import org.tracewall.reputation.text.AttachmentReader;

class ScoreMessageTest {
    private final RecordingMetricFactory metrics = new RecordingMetricFactory();
    private ScoreMessage mailet;

    @BeforeEach
    void setUp() {
        Map<String, String> rules = Map.of("score.rule.FREE.in", "Subject", "score.rule.FREE.pattern", "(?i)free money",
            "score.rule.FREE.weight", "4");
        mailet = new ScoreMessage(() -> ScoreConfig.read(rules), AttachmentReader.NONE, metrics);
    }

    @Test
    void initShouldThrowOnAnUnknownParameter() {
        assertThatThrownBy(() -> mailet.init(FakeMailetConfig.builder().mailetName("s").setProperty("treshold", "5").build()))
            .isInstanceOf(MessagingException.class).hasMessageContaining("treshold");
    }

    @Test
    void serviceShouldRecordTheDecisionInHeadersAttributesAndMetrics() throws Exception {
        mailet.init(FakeMailetConfig.builder().mailetName("s").mailetContext(FakeMailContext.defaultContext()).build());
        FakeMail mail = FakeMail.builder().name("m").sender("a@sender.example").recipient("b@tracewall.local")
            .remoteAddr("192.0.2.7")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder()
                .addHeader("X-Tracewall-Score", "-100; action=accept")
                .setSubject("FREE MONEY for you").setText("body"))
            .build();
        ScoreSymbols.add(mail, Symbol.of("HELO_NOT_FQDN"));

        mailet.service(mail);

        assertThat(mail.getMessage().getHeader("X-Tracewall-Score"))
            .containsExactly("5.50; action=tag; group=default; direction=inbound; thresholds=5.00/10.00/15.00");
        assertThat(mail.getMessage().getHeader("X-Tracewall-Rules")).containsExactly("HELO_NOT_FQDN(1.50), FREE(4.00)");
        assertThat(mail.getAttribute(ScoreAttributes.ACTION)).contains(new Attribute(ScoreAttributes.ACTION, AttributeValue.of("tag")));
        assertThat(mail.getAttribute(ScoreAttributes.SCORE)).contains(new Attribute(ScoreAttributes.SCORE, AttributeValue.of(5.5)));
        assertThat(metrics.countFor("tracewall.score.tag")).isEqualTo(1);
        assertThat(metrics.countFor("tracewall.symbol.HELO_NOT_FQDN")).isEqualTo(1);
        assertThat(metrics.countFor("tracewall.symbol.FREE")).isEqualTo(1);
        assertThat(metrics.countFor("tracewall.symbol.BAYES")).isZero();
    }

    @Test
    void serviceShouldScoreAnAuthenticatedSenderAsOutbound() throws Exception {
        mailet.init(FakeMailetConfig.builder().mailetName("s").mailetContext(FakeMailContext.defaultContext()).build());
        FakeMail mail = FakeMail.builder().name("m").sender("bob@tracewall.local").recipient("carol@remote.example")
            .attribute(new Attribute(org.apache.mailet.Mail.SMTP_AUTH_USER, AttributeValue.of("bob@tracewall.local")))
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("hello").setText("body"))
            .build();

        mailet.service(mail);

        assertThat(mail.getAttribute(ScoreAttributes.DIRECTION))
            .contains(new Attribute(ScoreAttributes.DIRECTION, AttributeValue.of("outbound")));
        assertThat(mail.getMessage().getHeader("X-Tracewall-Rules")).containsExactly("none");
    }

    @Test
    void theConventionalSpamHeadersShouldFollowTheAction() throws Exception {
        mailet.init(FakeMailetConfig.builder().mailetName("s").mailetContext(FakeMailContext.defaultContext()).build());
        FakeMail tagged = FakeMail.builder().name("t").sender("a@sender.example").recipient("b@tracewall.local")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().addHeader("X-Spam-Flag", "NO").addHeader("X-Spam-Status", "No, forged")
                .setSubject("FREE MONEY for you").setText("body"))
            .build();
        ScoreSymbols.add(tagged, Symbol.of("HELO_NOT_FQDN"));
        FakeMail accepted = FakeMail.builder().name("a").sender("a@sender.example").recipient("b@tracewall.local")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().addHeader("X-Spam-Flag", "YES").setSubject("minutes").setText("body"))
            .build();

        mailet.service(tagged);
        mailet.service(accepted);

        assertThat(tagged.getMessage().getHeader("X-Spam-Flag")).containsExactly("YES");
        assertThat(tagged.getMessage().getHeader("X-Spam-Score")).containsExactly("5.50");
        assertThat(tagged.getMessage().getHeader("X-Spam-Status")).containsExactly("Yes, score=5.50 required=5.00 tests=HELO_NOT_FQDN,FREE");
        assertThat(accepted.getMessage().getHeader("X-Spam-Flag")).containsExactly("NO");
        assertThat(accepted.getMessage().getHeader("X-Spam-Status")).containsExactly("No, score=0.00 required=5.00 tests=none");
    }

    @Test
    void contentRulesShouldRunOncePerMailTheirSymbolsKeptForTheNextScoring() throws Exception {
        mailet.init(FakeMailetConfig.builder().mailetName("s").mailetContext(FakeMailContext.defaultContext()).build());
        FakeMail mail = FakeMail.builder().name("m").sender("a@sender.example").recipient("b@tracewall.local")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("FREE MONEY for you").setText("body"))
            .build();

        mailet.service(mail);
        assertThat(ScoreSymbols.read(mail)).extracting(Symbol::name).containsExactly("FREE");
        mailet.service(mail);
        assertThat(mail.getMessage().getHeader("X-Tracewall-Rules")).as("counted once").containsExactly("FREE(4.00)");
        mail.getMessage().setSubject("minutes");
        mailet.service(mail);

        assertThat(mail.getMessage().getHeader("X-Tracewall-Rules")).as("found once, kept").containsExactly("FREE(4.00)");
    }
}
