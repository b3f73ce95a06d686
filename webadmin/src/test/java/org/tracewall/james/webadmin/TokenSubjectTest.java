package org.tracewall.james.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class TokenSubjectTest {
    private static String token(String payload) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return "Bearer " + encoder.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
            + encoder.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    @Test
    void theSubjectShouldBeReadFromTheToken() {
        assertThat(TokenSubject.of(token("{\"sub\":\"admin@example.com\",\"admin\":true}"))).isEqualTo("admin@example.com");
    }

    @Test
    void anythingElseShouldBeUnknown() {
        assertThat(TokenSubject.of(null)).isEqualTo(TokenSubject.UNKNOWN);
        assertThat(TokenSubject.of("Basic YWJj")).isEqualTo(TokenSubject.UNKNOWN);
        assertThat(TokenSubject.of("Bearer not-a-jwt")).isEqualTo(TokenSubject.UNKNOWN);
        assertThat(TokenSubject.of(token("{\"admin\":true}"))).isEqualTo(TokenSubject.UNKNOWN);
        assertThat(TokenSubject.of(token("{\"sub\":42}"))).isEqualTo(TokenSubject.UNKNOWN);
        assertThat(TokenSubject.of("Bearer a.!!!.c")).isEqualTo(TokenSubject.UNKNOWN);
    }
}
