package org.tracewall.core.quarantine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.tracewall.core.config.ConfigValues;

/**
 * The {@code quarantine.*} keys of tracewall.properties: reminder digests and release links.
 *
 * <pre>
 * quarantine.repository=file://var/mail/quarantine/   # where ToRepository keeps quarantined mail
 * quarantine.linkLifetime=7d                            # release links expire after this
 * quarantine.secret=...                                 # >= 32 characters; unset: generated once, kept in the state store
 * quarantine.releaseAddress=quarantine-release@example.com   # default: quarantine-release@ the default domain
 * quarantine.digestFrom=postmaster@example.com               # default: postmaster@ the default domain
 * </pre>
 */
public final class QuarantineConfig {
    private static final Set<String> KEYS = Set.of("quarantine.repository", "quarantine.linkLifetime", "quarantine.secret",
        "quarantine.releaseAddress", "quarantine.digestFrom");

    private final String repository;
    private final Duration linkLifetime;
    private final byte[] secret;
    private final String releaseAddress;
    private final String digestFrom;

    private QuarantineConfig(String repository, Duration linkLifetime, byte[] secret, String releaseAddress, String digestFrom) {
        this.repository = repository;
        this.linkLifetime = linkLifetime;
        this.secret = secret;
        this.releaseAddress = releaseAddress;
        this.digestFrom = digestFrom;
    }

    /**
     * @throws IllegalArgumentException naming the bad or unknown key
     */
    public static QuarantineConfig fromProperties(Map<String, String> p) {
        for (String key : p.keySet()) {
            if (key.startsWith("quarantine.") && !KEYS.contains(key)) {
                throw new IllegalArgumentException("Unknown key '" + key + "' (known: " + String.join(", ", KEYS) + ")");
            }
        }
        Duration lifetime = ConfigValues.duration("quarantine.linkLifetime", p.getOrDefault("quarantine.linkLifetime", "7d"));
        if (lifetime.isZero() || lifetime.isNegative()) {
            throw ConfigValues.bad("quarantine.linkLifetime", p.get("quarantine.linkLifetime"), "a positive duration");
        }
        String secret = p.getOrDefault("quarantine.secret", "").trim();
        if (!secret.isEmpty() && secret.length() < 32) {
            throw ConfigValues.bad("quarantine.secret", "(" + secret.length() + " characters)", "at least 32 characters");
        }
        return new QuarantineConfig(p.getOrDefault("quarantine.repository", "file://var/mail/quarantine/").trim(), lifetime,
            secret.isEmpty() ? null : secret.getBytes(StandardCharsets.UTF_8),
            address(p, "quarantine.releaseAddress"), address(p, "quarantine.digestFrom"));
    }

    private static String address(Map<String, String> p, String key) {
        String value = p.getOrDefault(key, "").trim();
        if (!value.isEmpty() && !value.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw ConfigValues.bad(key, value, "an address like name@example.com");
        }
        return value.isEmpty() ? null : value;
    }

    public String repository() {
        return repository;
    }

    public Duration linkLifetime() {
        return linkLifetime;
    }

    /** The configured secret; empty: the server generates one and keeps it in the state store. */
    public Optional<byte[]> secret() {
        return Optional.ofNullable(secret).map(byte[]::clone);
    }

    /** Empty: quarantine-release@ the default domain. */
    public Optional<String> releaseAddress() {
        return Optional.ofNullable(releaseAddress);
    }

    /** Empty: postmaster@ the default domain. */
    public Optional<String> digestFrom() {
        return Optional.ofNullable(digestFrom);
    }
}
