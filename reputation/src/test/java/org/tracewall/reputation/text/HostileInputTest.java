package org.tracewall.reputation.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.tracewall.reputation.bayes.BayesFilter;
import org.tracewall.reputation.bayes.BayesModel;

/** Bad input gets a verdict: no exception, no hang, bounded memory (the test JVM has 1 GB). */
class HostileInputTest {
    private final BayesFilter filter = new BayesFilter(new BayesModel(), Tokenizer.standard());

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void malformedMimeShouldStillBeRead() {
        byte[] raw = ascii("Subject: broken\r\nContent-Type: multipart/mixed; boundary=\"unterminated\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n--unterminated\r\nContent-Type: text/plain; charset=\"\r\n\r\n"
            + "%%% not base64 %%%\r\n--unterminated\r\nContent-Type: ;;;\r\n\r\nfree money\r\n");
        MessageText text = MessageTextExtractor.extract(raw);
        assertThat(text.subject()).isEqualTo("broken");
        assertThat(filter.spamProbability(raw)).isBetween(0.0, 1.0);
    }

    @Test
    void garbageBytesShouldYieldAVerdict() {
        byte[] raw = new byte[100_000];
        new java.util.Random(7).nextBytes(raw);
        assertThat(filter.spamProbability(raw)).isBetween(0.0, 1.0);
    }

    @Test
    void aFiftyMegabyteAttachmentShouldBeReadOnlyAsFarAsTheBound() {
        StringBuilder raw = new StringBuilder("Subject: big\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nsee the attachment\r\n--b\r\nContent-Type: application/octet-stream; name=big.bin\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n");
        String line = "A".repeat(76) + "\r\n";
        int lines = 50 * 1024 * 1024 / line.length() + 1;
        raw.append(line.repeat(lines)).append("--b--\r\n");
        byte[] bytes = ascii(raw.toString());
        assertThat(bytes.length).isGreaterThan(50_000_000);

        MessageText text = MessageTextExtractor.extract(bytes);

        assertThat(text.body()).contains("see the attachment");
        assertThat(filter.spamProbability(bytes)).isBetween(0.0, 1.0);
    }

    @Test
    void aZipBombShouldBeNamedNotOpened() throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("bomb.txt"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 200; i++) {
                out.write(zeros);
            }
            out.closeEntry();
        }
        String raw = "Subject: invoice\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nopen it\r\n--b\r\nContent-Type: application/zip; name=invoice.zip\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(zip.toByteArray()) + "\r\n--b--\r\n";

        MessageText text = MessageTextExtractor.extract(ascii(raw));

        assertThat(text.structure()).contains("application/zip", "attach:zip");
        assertThat(text.body()).doesNotContain("bomb");
    }

    @Test
    void aDeeplyNestedMessageShouldStopAtTheDepthBound() {
        StringBuilder raw = new StringBuilder("Subject: deep\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n");
        for (int i = 1; i < 100; i++) {
            raw.append("--b").append(i - 1).append("\r\nContent-Type: multipart/mixed; boundary=b").append(i).append("\r\n\r\n");
        }
        MessageText text = MessageTextExtractor.extract(ascii(raw.toString()));
        assertThat(text.structure()).contains("too-deep");
    }
}
