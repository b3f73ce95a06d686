package org.tracewall.core.quarantine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;

import org.tracewall.core.crypto.HmacKey;

/**
 * Signs and checks release tokens: {@code v1.KEY.RECIPIENT.EXPIRY.MAC}, the first two base64url,
 * the expiry in epoch seconds, the MAC an HMAC-SHA256 over the rest with the server's secret,
 * compared in constant time. Short enough for a mailto: subject, and safe to show: without the
 * secret nobody can make one for another mail, another recipient or a later date.
 */
public final class ReleaseTokens {
    private static final String VERSION = "v1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final HmacKey key;

    /** @param secret at least 32 bytes */
    public ReleaseTokens(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("A release-token secret needs at least 32 bytes, not " + secret.length);
        }
        this.key = HmacKey.of(secret);
    }

    public String sign(ReleaseToken token) {
        String payload = VERSION + "." + encode(token.mailKey()) + "." + encode(token.recipient()) + "."
            + token.expiresAt().getEpochSecond();
        return payload + "." + ENCODER.encodeToString(mac(payload));
    }

    /**
     * @throws InvalidReleaseTokenException when the token is malformed, its MAC does not match,
     *                                      or it expired before {@code now}
     */
    public ReleaseToken verify(String token, Instant now) throws InvalidReleaseTokenException {
        String[] parts = token.trim().split("\\.", -1);
        if (parts.length != 5 || !parts[0].equals(VERSION)) {
            throw new InvalidReleaseTokenException(InvalidReleaseTokenException.Reason.MALFORMED, "not a release token");
        }
        String payload = parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[3];
        byte[] expected = mac(payload);
        byte[] given;
        long expiry;
        String mailKey;
        String recipient;
        try {
            given = DECODER.decode(parts[4]);
            expiry = Long.parseLong(parts[3]);
            mailKey = decode(parts[1]);
            recipient = decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new InvalidReleaseTokenException(InvalidReleaseTokenException.Reason.MALFORMED, "undecodable release token");
        }
        if (!MessageDigest.isEqual(expected, given)) {
            throw new InvalidReleaseTokenException(InvalidReleaseTokenException.Reason.FORGED, "release token signature does not match");
        }
        Instant expiresAt = Instant.ofEpochSecond(expiry);
        if (!now.isBefore(expiresAt)) {
            throw new InvalidReleaseTokenException(InvalidReleaseTokenException.Reason.EXPIRED, "release token expired at " + expiresAt);
        }
        return new ReleaseToken(mailKey, recipient, expiresAt);
    }

    private byte[] mac(String payload) {
        return key.mac(payload.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return ENCODER.encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String value) {
        return new String(DECODER.decode(value), StandardCharsets.UTF_8);
    }
}
