package org.tracewall.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tracewall.james.mailets.StripAttachmentsTest.parse;
import static org.tracewall.james.mailets.StripAttachmentsTest.text;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.mail.MessagingException;
import javax.mail.Multipart;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tracewall.core.score.Symbol;
import org.tracewall.james.ScoreSymbols;
import org.tracewall.james.VirusAttributes;
import org.tracewall.testing.clamav.ClamdProcess;

/** Against a real clamd that knows only the EICAR test signature. */
class RemoveInfectedPartsTest {
    private static ClamdProcess clamd;

    @BeforeAll
    static void start() throws Exception {
        clamd = ClamdProcess.startOnFreePort();
    }

    @AfterAll
    static void stop() {
        clamd.stop();
    }

    private static FakeMail infectedMail() throws Exception {
        String eicar = Base64.getMimeEncoder().encodeToString(ClamdProcess.EICAR.getBytes(StandardCharsets.ISO_8859_1));
        FakeMail mail = FakeMail.builder().name("m").mimeMessage(parse("Subject: invoice\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=b1\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n"
                + "--b1\r\nContent-Type: application/octet-stream; name=invoice.com\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=invoice.com\r\n\r\n" + eicar + "\r\n--b1--\r\n"))
            .attribute(new Attribute(VirusAttributes.VIRUS, AttributeValue.of(ClamdProcess.SIGNATURE)))
            .build();
        ScoreSymbols.add(mail, Symbol.of(VirusAttributes.SYMBOL, 1.0, ClamdProcess.SIGNATURE));
        return mail;
    }

    private static RemoveInfectedParts init() throws MessagingException {
        RemoveInfectedParts mailet = new RemoveInfectedParts();
        mailet.init(FakeMailetConfig.builder().mailetName("clean").setProperty("port", String.valueOf(clamd.port()))
            .setProperty("timeout", "10s").build());
        return mailet;
    }

    @Test
    void initShouldThrowOnABadPort() {
        assertThatThrownBy(() -> new RemoveInfectedParts().init(FakeMailetConfig.builder().mailetName("c").setProperty("port", "0").build()))
            .isInstanceOf(MessagingException.class).hasMessageContaining("'port'");
    }

    @Test
    void serviceShouldCutOutTheInfectedAttachmentAndUnmarkTheMail() throws Exception {
        FakeMail mail = infectedMail();

        init().service(mail);

        Multipart parts = (Multipart) parse(text(mail.getMessage())).getContent();
        assertThat((String) parts.getBodyPart(0).getContent()).isEqualTo("See attached.");
        assertThat((String) parts.getBodyPart(1).getContent()).startsWith("The attachment invoice.com was removed by the mail gateway")
            .contains(ClamdProcess.SIGNATURE);
        assertThat(mail.getAttribute(VirusAttributes.VIRUS)).isEmpty();
        assertThat(ScoreSymbols.read(mail)).noneMatch(s -> s.name().equals(VirusAttributes.SYMBOL));
        assertThat(mail.getMessage().getHeader(RemoveInfectedParts.REMOVED_HEADER)).isNotNull();
    }

    @Test
    void serviceShouldLeaveTheMailMarkedWhenClamdIsDown() throws Exception {
        RemoveInfectedParts mailet = init();
        FakeMail mail = infectedMail();
        clamd.stop();
        try {
            mailet.service(mail);
        } finally {
            clamd.start();
        }

        assertThat(mail.getAttribute(VirusAttributes.VIRUS)).isPresent();
        assertThat(ScoreSymbols.read(mail)).anyMatch(s -> s.name().equals(VirusAttributes.SYMBOL));
        assertThat(text(mail.getMessage())).contains("filename=invoice.com");
    }
}
