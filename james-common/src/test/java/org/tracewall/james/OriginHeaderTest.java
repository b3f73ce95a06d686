package org.tracewall.james;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;

import org.junit.jupiter.api.Test;
import org.tracewall.reputation.sender.OriginStamp;
import org.tracewall.reputation.sender.ReputationFeatures;

class OriginHeaderTest {
    private final OriginStamp stamps = new OriginStamp("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    @Test
    void writtenStampShouldBeFoldedOnePiecePerLineAndReadBack() throws Exception {
        ReputationFeatures features = ReputationFeatures.of(InetAddress.getByName("192.0.2.7"), "promo.example", "dsl-7.isp.example", null,
            List.of("shop.example", "x".repeat(200) + ".example"));
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setText("hello");
        OriginHeader.write(message, features, stamps);
        message.saveChanges();

        String value = message.getHeader(OriginHeader.NAME)[0];
        assertThat(value.split("\r\n ")).as("one piece of the stamp per line").allMatch(piece -> piece.length() <= 64 && !piece.contains(" "));
        assertThat(stamps.verify(MimeUtility.unfold(value))).isPresent();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        assertThat(Arrays.stream(out.toString(StandardCharsets.US_ASCII).split("\r\n"))).allMatch(line -> line.length() <= 998);
        assertThat(OriginHeader.read(out.toByteArray(), stamps)).hasValueSatisfying(origin -> assertThat(origin.features().keys())
            .isEqualTo(features.keys()));
    }
}
