package org.tracewall.reputation.sender;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.tracewall.core.crypto.HmacKey;

/**
 * The reputation features of a delivered mail, signed into a header value so that a user's later
 * report of it (spam or not spam) can teach them: {@code v2.NONCE.FEATURES.MAC}, a random nonce
 * and the features' keys base64url, the MAC an HMAC-SHA256 (first 16 bytes) over the rest under a
 * key derived from the server's secret. The gateway removes the header from mail as it arrives,
 * but a reported message may have come another way (an attachment a user forwards): without the
 * secret, nobody can make a stamp that teaches the features of their choice, such as a rival's
 * address. The nonce names the delivered mail, so that what it teaches is taught once
 * ({@link StampedOrigin#id()}), however many altered copies of it are reported.
 */
public final class OriginStamp {
    private static final String VERSION = "v2";
    private static final int MAC_BYTES = 16;
    /** Derives this stamp's key from the server secret, which also signs release links: one key per use. */
    private static final byte[] KEY_LABEL = "tracewall origin stamp v2".getBytes(StandardCharsets.US_ASCII);
    /** Beyond any stamp {@link #sign} makes: {@link ReputationFeatures} bounds each of its few values. */
    private static final int MAX_VALUE_CHARS = 16_384;
    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int PIECE_CHARS = 64;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final HmacKey key;

    /** @param serverSecret at least 32 bytes */
    public OriginStamp(byte[] serverSecret) {
        this.key = HmacKey.of(serverSecret).derive(KEY_LABEL);
    }

    /** The stamp, with a space every {@value #PIECE_CHARS} characters: a header folds there, and {@link #verify} ignores them. */
    public String sign(ReputationFeatures features) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        String payload = VERSION + "." + ENCODER.encodeToString(nonce) + "."
            + ENCODER.encodeToString(String.join("\n", features.keys()).getBytes(StandardCharsets.UTF_8));
        String stamp = payload + "." + ENCODER.encodeToString(Arrays.copyOf(key.mac(payload.getBytes(StandardCharsets.US_ASCII)), MAC_BYTES));
        StringBuilder pieces = new StringBuilder(stamp.length() + stamp.length() / PIECE_CHARS);
        for (int start = 0; start < stamp.length(); start += PIECE_CHARS) {
            pieces.append(start == 0 ? "" : " ").append(stamp, start, Math.min(stamp.length(), start + PIECE_CHARS));
        }
        return pieces.toString();
    }

    /** The origin of a stamp this server signed; empty for anything else (malformed, altered, another server's). */
    public Optional<StampedOrigin> verify(String value) {
        if (value == null || value.length() > MAX_VALUE_CHARS) {
            return Optional.empty();
        }
        // A folded header value comes back with its line breaks and indentation.
        String[] parts = value.replaceAll("\\s+", "").split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals(VERSION)) {
            return Optional.empty();
        }
        try {
            byte[] given = DECODER.decode(parts[3]);
            byte[] expected = Arrays.copyOf(key.mac((parts[0] + "." + parts[1] + "." + parts[2]).getBytes(StandardCharsets.US_ASCII)),
                MAC_BYTES);
            if (!MessageDigest.isEqual(expected, given)) {
                return Optional.empty();
            }
            String keys = new String(DECODER.decode(parts[2]), StandardCharsets.UTF_8);
            return keys.isEmpty() ? Optional.empty()
                : Optional.of(new StampedOrigin(parts[1], ReputationFeatures.ofKeys(List.of(keys.split("\n")))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
