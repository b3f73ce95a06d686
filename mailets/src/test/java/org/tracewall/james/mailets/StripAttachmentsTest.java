package org.tracewall.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

class StripAttachmentsTest {
    static MimeMessage parse(String raw) throws MessagingException {
        return new MimeMessage(Session.getDefaultInstance(new java.util.Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    static String text(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static final String WITH_EXE = "From: a@example.com\r\nSubject: files\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: multipart/mixed; boundary=b1\r\n\r\n"
        + "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPlease see the files.\r\n"
        + "--b1\r\nContent-Type: application/octet-stream; name=\"=?UTF-8?B?5Y+R56WoLmV4ZQ==?=\"\r\n"
        + "Content-Disposition: attachment; filename=\"=?UTF-8?B?5Y+R56WoLmV4ZQ==?=\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + "TVqQAAMAAAAEAAAA\r\n"
        + "--b1\r\nContent-Type: application/pdf; name=report.pdf\r\nContent-Disposition: attachment; filename=report.pdf\r\n"
        + "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b1--\r\n";

    private StripAttachments init(String extensions, String types) throws MessagingException {
        StripAttachments mailet = new StripAttachments();
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("strip");
        if (extensions != null) {
            config.setProperty("extensions", extensions);
        }
        if (types != null) {
            config.setProperty("mimeTypes", types);
        }
        mailet.init(config.build());
        return mailet;
    }

    @Test
    void initShouldThrowWithoutExtensionsOrTypes() {
        assertThatThrownBy(() -> init(null, null)).isInstanceOf(MessagingException.class).hasMessageContaining("'extensions'");
    }

    @Test
    void initShouldThrowOnAMalformedType() {
        assertThatThrownBy(() -> init(null, "executable")).hasMessageContaining("'executable'");
    }

    @Test
    void serviceShouldReplaceAMatchingAttachmentWithANoticeAndKeepTheRest() throws Exception {
        StripAttachments mailet = init("exe, .scr", null);
        FakeMail mail = FakeMail.builder().name("m").mimeMessage(parse(WITH_EXE)).build();

        mailet.service(mail);

        MimeMessage reparsed = parse(text(mail.getMessage()));
        String out = text(reparsed);
        assertThat(out).contains("Please see the files.", "report.pdf", "JVBERi0xLjQK").doesNotContain("TVqQAAMAAAAEAAAA");
        javax.mail.Multipart parts = (javax.mail.Multipart) reparsed.getContent();
        assertThat(parts.getCount()).isEqualTo(3);
        assertThat((String) parts.getBodyPart(1).getContent())
            .isEqualTo("The attachment 发票.exe (application/octet-stream) was removed by the mail gateway.");
        assertThat(mail.getAttribute(StripAttachments.STRIPPED)).isPresent();
    }

    @Test
    void serviceShouldMatchAWholeTypeFamily() throws Exception {
        StripAttachments mailet = init(null, "application/*");
        FakeMail mail = FakeMail.builder().name("m").mimeMessage(parse(WITH_EXE)).build();

        mailet.service(mail);

        String out = text(parse(text(mail.getMessage())));
        assertThat(out).contains("Please see the files.").doesNotContain("TVqQAAMAAAAEAAAA", "JVBERi0xLjQK");
    }

    @Test
    void serviceShouldLeaveAMessageWithoutMatchesUntouched() throws Exception {
        StripAttachments mailet = init("bat", null);
        FakeMail mail = FakeMail.builder().name("m").mimeMessage(parse(WITH_EXE)).build();

        mailet.service(mail);

        assertThat(text(mail.getMessage())).contains("TVqQAAMAAAAEAAAA");
        assertThat(mail.getAttribute(StripAttachments.STRIPPED)).isEmpty();
    }

    @Test
    void serviceShouldSurviveADeeplyNestedMultipart() throws Exception {
        StringBuilder raw = new StringBuilder("Subject: deep\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n");
        int depth = 60;
        for (int i = 1; i < depth; i++) {
            raw.append("--b").append(i - 1).append("\r\nContent-Type: multipart/mixed; boundary=b").append(i).append("\r\n\r\n");
        }
        raw.append("--b").append(depth - 1).append("\r\nContent-Type: application/x-msdownload; name=a.exe\r\n\r\nMZ\r\n");
        for (int i = depth - 1; i >= 0; i--) {
            raw.append("--b").append(i).append("--\r\n");
        }
        StripAttachments mailet = init("exe", null);
        FakeMail mail = FakeMail.builder().name("m").mimeMessage(parse(raw.toString())).build();

        mailet.service(mail);

        assertThat(mail.getAttribute(StripAttachments.STRIPPED)).isEmpty();
    }
}
