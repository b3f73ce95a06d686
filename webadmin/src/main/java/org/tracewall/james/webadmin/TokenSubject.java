package org.tracewall.james.webadmin;

import java.io.IOException;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The subject ({@code sub}) of a WebAdmin bearer token, for the operation log. Read without
 * checking the signature: it is only called after James's own filter accepted the token; when JWT
 * is off there is no token and the subject is {@value #UNKNOWN}.
 */
final class TokenSubject {
    static final String UNKNOWN = "?";
    private static final String BEARER = "Bearer ";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TokenSubject() {
    }

    static String of(String authorization) {
        if (authorization == null || !authorization.startsWith(BEARER)) {
            return UNKNOWN;
        }
        String[] parts = authorization.substring(BEARER.length()).trim().split("\\.");
        if (parts.length != 3) {
            return UNKNOWN;
        }
        try {
            JsonNode subject = MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1])).get("sub");
            return subject == null || !subject.isTextual() ? UNKNOWN : subject.asText();
        } catch (IOException | IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
