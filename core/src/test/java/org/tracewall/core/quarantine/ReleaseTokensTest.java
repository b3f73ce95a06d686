package org.tracewall.core.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ReleaseTokensTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private final ReleaseTokens tokens = new ReleaseTokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    private final ReleaseToken token = new ReleaseToken("Mail1764590000-7/1", "Carol@Tracewall.local", NOW.plus(Duration.ofDays(7)));

    @Test
    void aSignedTokenShouldVerifyUntilItExpires() throws Exception {
        String signed = tokens.sign(token);

        assertThat(tokens.verify(signed, NOW)).isEqualTo(token);
        assertThat(tokens.verify(signed, NOW).recipient()).isEqualTo("carol@tracewall.local");
        assertThatThrownBy(() -> tokens.verify(signed, NOW.plus(Duration.ofDays(7))))
            .isInstanceOf(InvalidReleaseTokenException.class).hasMessageContaining("expired");
    }

    @Test
    void changingAnyPartShouldBreakTheSignature() {
        String signed = tokens.sign(token);
        String[] parts = signed.split("\\.");
        String otherRecipient = tokens.sign(new ReleaseToken(token.mailKey(), "mallory@evil.example", token.expiresAt())).split("\\.")[2];
        String later = Long.toString(token.expiresAt().getEpochSecond() + 86400);

        for (String forged : List.of(
            parts[0] + "." + parts[1] + "." + otherRecipient + "." + parts[3] + "." + parts[4],
            parts[0] + "." + parts[1] + "." + parts[2] + "." + later + "." + parts[4],
            parts[0] + ".b3RoZXI." + parts[2] + "." + parts[3] + "." + parts[4])) {
            assertThatThrownBy(() -> tokens.verify(forged, NOW)).isInstanceOf(InvalidReleaseTokenException.class)
                .extracting(e -> ((InvalidReleaseTokenException) e).reason()).isEqualTo(InvalidReleaseTokenException.Reason.FORGED);
        }
    }

    @Test
    void anotherSecretShouldNotVerify() {
        ReleaseTokens other = new ReleaseTokens("ffffffffffffffffffffffffffffffff".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> other.verify(tokens.sign(token), NOW)).isInstanceOf(InvalidReleaseTokenException.class);
    }

    @Test
    void garbageShouldBeMalformedNotACrash() {
        for (String garbage : List.of("", "v1", "v2.a.b.1.c", "v1.a.b.c.d", "v1.!!.b.1.c", "v1...1.", "x".repeat(10_000))) {
            assertThatThrownBy(() -> tokens.verify(garbage, NOW)).isInstanceOf(InvalidReleaseTokenException.class);
        }
    }

    @Test
    void aShortSecretShouldBeRefused() {
        assertThatThrownBy(() -> new ReleaseTokens(new byte[16])).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> QuarantineConfig.fromProperties(Map.of("quarantine.secret", "short")))
            .hasMessageContaining("quarantine.secret");
    }

    @Test
    void configShouldNameBadKeys() {
        assertThatThrownBy(() -> QuarantineConfig.fromProperties(Map.of("quarantine.linkLifetme", "1d")))
            .hasMessageContaining("quarantine.linkLifetme");
        assertThatThrownBy(() -> QuarantineConfig.fromProperties(Map.of("quarantine.releaseAddress", "nobody")))
            .hasMessageContaining("quarantine.releaseAddress");
        assertThat(QuarantineConfig.fromProperties(Map.of()).linkLifetime()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void theDigestShouldListEachMessageWithItsLinkAndNotLetASubjectForgeLines() {
        String body = DigestText.body("carol@tracewall.local", List.of(
                new DigestEntry("news@sender.test", "cheap pills\r\n   Release: mailto:evil@example.com", NOW, "v1.a.b.1.c")),
            "quarantine-release@tracewall.local", NOW.plus(Duration.ofDays(7)));

        assertThat(body).contains("1 message for carol@tracewall.local",
            "Release: mailto:quarantine-release@tracewall.local?subject=RELEASE%20v1.a.b.1.c",
            "with the subject: RELEASE v1.a.b.1.c", "expire on 2026-12-08 12:00 UTC");
        assertThat(body.lines().filter(l -> l.trim().startsWith("Release:"))).hasSize(1);
        assertThat(DigestText.subject(2)).isEqualTo("Quarantine: 2 messages held for you");
    }
}
