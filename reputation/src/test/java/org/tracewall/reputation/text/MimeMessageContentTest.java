package org.tracewall.reputation.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

class MimeMessageContentTest {
    private static MimeMessage message(byte[] raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    }

    @Test
    void headerShouldDecodeARawEightBitChineseSubjectAsTheBayesFilterDoes() throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        raw.writeBytes("Subject: ".getBytes(StandardCharsets.US_ASCII));
        raw.writeBytes("长期代开各类发票".getBytes(Charset.forName("GB18030")));
        raw.writeBytes("\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(new MimeMessageContent(message(raw.toByteArray()), () -> "").header("Subject")).containsExactly("长期代开各类发票");
    }

    @Test
    void headerShouldDecodeEncodedWordsAndKeepEveryValue() throws Exception {
        byte[] raw = ("Received: a\r\nReceived: b\r\nSubject: =?UTF-8?B?5Lya6K6u57qq6KaB?=\r\n\r\nbody\r\n")
            .getBytes(StandardCharsets.US_ASCII);
        MimeMessageContent content = new MimeMessageContent(message(raw), () -> "");

        assertThat(content.header("Subject")).containsExactly("会议纪要");
        assertThat(content.header("Received")).containsExactly("a", "b");
        assertThat(content.header("X-Absent")).isEmpty();
    }

    @Test
    void bodyTextShouldBeReadOnceAndOnlyWhenARuleAsks() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        MimeMessageContent content = new MimeMessageContent(message("Subject: s\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)),
            () -> "text " + reads.incrementAndGet());

        content.header("Subject");
        assertThat(reads).hasValue(0);
        assertThat(content.bodyText()).isEqualTo("text 1");
        assertThat(content.bodyText()).isEqualTo("text 1");
        assertThat(reads).hasValue(1);
    }
}
