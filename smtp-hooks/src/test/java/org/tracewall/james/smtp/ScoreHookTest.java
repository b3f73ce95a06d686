package org.tracewall.james.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;
import org.tracewall.core.score.ScoreConfig;
import org.tracewall.james.MailText;
import org.tracewall.james.MessageBytes;
import org.tracewall.james.VirusAttributes;
import org.tracewall.james.testing.FakeDomainList;
import org.tracewall.reputation.text.AttachmentReader;
import org.tracewall.reputation.text.MessageTextExtractor;

class ScoreHookTest {
    private static final Map<String, String> RULES = Map.of(
        "score.rule.PILLS.in", "body", "score.rule.PILLS.pattern", "cheap pills", "score.rule.PILLS.weight", "40");

    private final RecordingMetricFactory metrics = new RecordingMetricFactory();
    private final ScoreHook hook = new ScoreHook(() -> ScoreConfig.read(RULES), AttachmentReader.NONE, new FakeDomainList(), metrics);

    private static FakeMail mail(String body) throws Exception {
        String raw = "From: a@example.test\r\nTo: bob@tracewall.local\r\nSubject: hello\r\n\r\n" + body + "\r\n";
        return FakeMail.builder().name("m1").sender("a@example.test").recipient("bob@tracewall.local")
            .mimeMessage(new MimeMessageWrapper(MimeMessageInputStreamSource.create("m1",
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)))))
            .build();
    }

    @Test
    void initShouldRefuseAChildElementItDoesNotTake() {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty("threshold", "10");

        assertThatThrownBy(() -> hook.init(config)).isInstanceOf(ConfigurationException.class).hasMessageContaining("threshold");
    }

    @Test
    void aBodyRuleOverTheRejectThresholdShouldRefuseAtTheEndOfData() throws Exception {
        HookResult result = hook.onMessage(new FakeSession("192.0.2.9"), mail("buy cheap pills now"));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("554");
        assertThat(result.getSmtpDescription()).contains("PILLS");
        assertThat(metrics.countFor("tracewall.score.reject")).isEqualTo(1);
        assertThat(metrics.countFor("tracewall.symbol.PILLS")).isEqualTo(1);
    }

    @Test
    void theTextReadForTheBodyRuleShouldBeReadOnceAndCarriedWithTheMail() throws Exception {
        FakeMail mail = mail("a plain note");
        FakeSession session = new FakeSession("192.0.2.9");
        long reads = MessageTextExtractor.extractions();
        long serialisations = MessageBytes.serialisations();

        assertThat(hook.onMessage(session, mail)).isEqualTo(HookResult.DECLINED);
        assertThat(TransactionBytes.of(session, mail)).isNotEmpty();

        assertThat(MessageTextExtractor.extractions() - reads).isEqualTo(1);
        assertThat(MessageBytes.serialisations() - serialisations).as("the hook's bytes are the transaction's").isEqualTo(1);
        assertThat(mail.getAttribute(MailText.TEXT)).isPresent();
    }

    @Test
    void mailKeptForTheQuarantineByTheVirusScanShouldNotBeReadAtAll() throws Exception {
        FakeMail mail = mail("buy cheap pills now");
        mail.setAttribute(new Attribute(VirusAttributes.VIRUS, AttributeValue.of("Eicar-Test-Signature")));
        long serialisations = MessageBytes.serialisations();

        assertThat(hook.onMessage(new FakeSession("192.0.2.9"), mail)).isEqualTo(HookResult.DECLINED);
        assertThat(MessageBytes.serialisations()).isEqualTo(serialisations);
    }
}
