package org.tracewall.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tracewall.james.mailets.StripAttachmentsTest.parse;
import static org.tracewall.james.mailets.StripAttachmentsTest.text;

import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

class AddDisclaimerTest {
    private static final String DISCLAIMER = "Confidential. 本邮件可能包含保密信息。";
    private static final String ALTERNATIVE = "Subject: report\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\n"
        + "Content-Type: multipart/alternative; boundary=a\r\n\r\n"
        + "--a\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\nHello Bob\r\n"
        + "--a\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>Hello Bob</p></body></html>\r\n--a--\r\n"
        + "--m\r\nContent-Type: text/plain; name=notes.txt\r\nContent-Disposition: attachment; filename=notes.txt\r\n\r\nattached notes\r\n"
        + "--m--\r\n";

    private AddDisclaimer init() throws MessagingException {
        AddDisclaimer mailet = new AddDisclaimer();
        mailet.init(FakeMailetConfig.builder().mailetName("d").setProperty("text", DISCLAIMER).build());
        return mailet;
    }

    @Test
    void initShouldThrowWithoutText() {
        assertThatThrownBy(() -> new AddDisclaimer().init(FakeMailetConfig.builder().mailetName("d").build()))
            .isInstanceOf(MessagingException.class).hasMessageContaining("'text'");
    }

    @Test
    void serviceShouldAddTheDisclaimerToTextAndHtmlPartsButNotToAttachments() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").mimeMessage(parse(ALTERNATIVE)).build();

        init().service(mail);

        MimeMessage reparsed = parse(text(mail.getMessage()));
        Multipart mixed = (Multipart) reparsed.getContent();
        Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
        String plain = (String) alternative.getBodyPart(0).getContent();
        String html = (String) alternative.getBodyPart(1).getContent();
        assertThat(plain).startsWith("Hello Bob").endsWith(DISCLAIMER + "\n");
        assertThat(alternative.getBodyPart(0).getContentType()).containsIgnoringCase("utf-8");
        assertThat(html).contains("<p>Hello Bob</p><p>" + DISCLAIMER + "</p></body>");
        assertThat((String) mixed.getBodyPart(1).getContent()).isEqualTo("attached notes");
    }

    @Test
    void serviceShouldNotAddTheDisclaimerTwice() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").mimeMessage(parse("Subject: x\r\n\r\nHello\r\n")).build();
        AddDisclaimer mailet = init();

        mailet.service(mail);
        mailet.service(mail);

        String body = (String) parse(text(mail.getMessage())).getContent();
        assertThat(body.split("本邮件", -1)).hasSize(2);
    }
}
