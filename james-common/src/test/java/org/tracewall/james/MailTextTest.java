package org.tracewall.james;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import javax.mail.internet.MimeMessage;

import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;
import org.tracewall.reputation.text.AttachmentReader;
import org.tracewall.reputation.text.MessageText;
import org.tracewall.reputation.text.MessageTextExtractor;

class MailTextTest {
    private static final String RAW = "From: a@example.test\r\nSubject: =?UTF-8?B?5Lya6K6u57qq6KaB?=\r\nReceived: from mx.example.test\r\n"
        + "Content-Type: text/html; charset=UTF-8\r\n\r\n<p>Visit <a href=\"http://shop.example.test/x\">www.shop.example.test</a> today</p>\r\n";

    private static FakeMail mail() throws Exception {
        // James's own message, as the SMTP server and the queues hand it to hooks and mailets.
        MimeMessage message = new MimeMessageWrapper(MimeMessageInputStreamSource.create("m1",
            new ByteArrayInputStream(RAW.getBytes(StandardCharsets.UTF_8))));
        return FakeMail.builder().name("m1").mimeMessage(message).build();
    }

    @Test
    void aMailShouldBeReadOnceAndItsTextCarried() throws Exception {
        FakeMail mail = mail();
        long before = MessageTextExtractor.extractions();

        MessageText first = MailText.of(mail, AttachmentReader.NONE);
        MessageText second = MailText.of(mail, AttachmentReader.NONE);

        assertThat(MessageTextExtractor.extractions() - before).isEqualTo(1);
        assertThat(mail.getAttribute(MailText.TEXT)).isPresent();
        assertSameText(second, first);
        assertThat(first.body()).contains("Visit").doesNotContain("<p>");
    }

    @Test
    void theCarriedTextShouldSurviveJamesSerialisationOfTheAttribute() throws Exception {
        FakeMail mail = mail();
        MessageText read = MailText.of(mail, AttachmentReader.NONE);
        // What a queue (ActiveMQ, RabbitMQ) stores and gives back of the attribute.
        AttributeValue<?> json = AttributeValue.fromJson(mail.getAttribute(MailText.TEXT).get().getValue().toJson().orElseThrow());
        FakeMail dequeued = mail();
        dequeued.setAttribute(new Attribute(MailText.TEXT, json));
        long before = MessageTextExtractor.extractions();

        MessageText carried = MailText.of(dequeued, AttachmentReader.NONE);

        assertThat(MessageTextExtractor.extractions()).isEqualTo(before);
        assertSameText(carried, read);
    }

    @Test
    void aChangedBodyShouldBeReadAgain() throws Exception {
        FakeMail mail = mail();
        MailText.of(mail, AttachmentReader.NONE);
        mail.getMessage().setText("a new body", "UTF-8");
        long before = MessageTextExtractor.extractions();

        MessageText text = MailText.of(mail, AttachmentReader.NONE);

        assertThat(MessageTextExtractor.extractions() - before).isEqualTo(1);
        assertThat(text.body()).contains("a new body");
    }

    private static void assertSameText(MessageText actual, MessageText expected) {
        assertThat(actual.subject()).isEqualTo(expected.subject()).isEqualTo("会议纪要");
        assertThat(actual.from()).isEqualTo(expected.from());
        assertThat(actual.body()).isEqualTo(expected.body());
        assertThat(actual.urlDomains()).isEqualTo(expected.urlDomains()).isNotEmpty();
        assertThat(actual.structure()).isEqualTo(expected.structure()).isNotEmpty();
        assertThat(actual.received()).isEqualTo(expected.received()).containsExactly("mx.example.test");
    }
}
