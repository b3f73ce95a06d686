package org.tracewall.reputation.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import javax.mail.internet.MimeUtility;

import org.junit.jupiter.api.Test;

class OriginStampTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private final OriginStamp stamps = new OriginStamp(SECRET);
    private final ReputationFeatures features = features("192.0.2.7");

    private static ReputationFeatures features(String ip) {
        try {
            return ReputationFeatures.of(InetAddress.getByName(ip), "promo.example", "dsl-7.isp.example", null, List.of("shop.example"));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aStampShouldGiveBackTheFeaturesItSigned() {
        assertThat(stamps.verify(stamps.sign(features)).map(origin -> origin.features().keys())).contains(features.keys());
    }

    @Test
    void eachStampShouldNameItsOwnMail() {
        String first = stamps.sign(features);
        String second = stamps.sign(features);

        assertThat(stamps.verify(first).map(StampedOrigin::id)).isNotEqualTo(stamps.verify(second).map(StampedOrigin::id));
        assertThat(stamps.verify(first).map(StampedOrigin::id)).isEqualTo(stamps.verify(first).map(StampedOrigin::id));
    }

    @Test
    void aHeloAsLongAsTheClientLikesShouldStillMakeAStampThatVerifies() throws Exception {
        ReputationFeatures sprawling = ReputationFeatures.of(InetAddress.getByName("192.0.2.7"), "x".repeat(900) + ".example",
            "h".repeat(990), null, List.of("a".repeat(300) + ".example", "b".repeat(300) + ".example"));

        assertThat(stamps.verify(stamps.sign(sprawling))).isPresent();
    }

    @Test
    void aFoldedHeaderValueShouldStillVerify() {
        String folded = MimeUtility.fold("X-Tracewall-Origin: ".length(), stamps.sign(features));

        assertThat(folded).contains("\r\n");
        assertThat(stamps.verify(folded).map(origin -> origin.features().keys())).contains(features.keys());
    }

    @Test
    void featuresOfTheSendersChoiceShouldNotVerify() {
        String[] parts = stamps.sign(features).replace(" ", "").split("\\.");
        String rival = Base64.getUrlEncoder().withoutPadding()
            .encodeToString(String.join("\n", features("198.51.100.9").keys()).getBytes(StandardCharsets.UTF_8));

        assertThat(stamps.verify(parts[0] + "." + parts[1] + "." + rival + "." + parts[3])).isEmpty();
        assertThat(stamps.verify(parts[0] + ".AAAAAAAAAAAAAAAA." + parts[2] + "." + parts[3])).as("another nonce").isEmpty();
        assertThat(stamps.verify(new OriginStamp("another server's secret, 32 bytes".getBytes(StandardCharsets.UTF_8)).sign(features)))
            .isEmpty();
        assertThat(stamps.verify("v2." + parts[1] + ".not base64!." + parts[3])).isEmpty();
        assertThat(stamps.verify("v1." + parts[1] + "." + parts[2] + "." + parts[3])).isEmpty();
        assertThat(stamps.verify(null)).isEmpty();
    }

    @Test
    void aShortSecretShouldBeRefused() {
        assertThatThrownBy(() -> new OriginStamp(new byte[16])).hasMessageContaining("32 bytes");
    }
}
