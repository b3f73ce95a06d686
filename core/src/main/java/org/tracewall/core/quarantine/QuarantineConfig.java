package org.tracewall.core.quarantine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.tracewall.core.config.ConfigValues;
import org.tracewall.core.config.Option;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.config.OptionValues;

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
    public static final Option<String> REPOSITORY = Option.text("quarantine.repository", "file://var/mail/quarantine/",
        "where ToRepository keeps quarantined mail (digests read it)");
    public static final Option<Duration> LINK_LIFETIME = Option.positiveDuration("quarantine.linkLifetime", Duration.ofDays(7),
        "release links expire after this");
    public static final Option<String> SECRET = Option.<String>of("quarantine.secret", "text of 32 characters or more",
        QuarantineConfig::secret, null, "HMAC key of release links").defaultReads("generated, kept in the state store");
    public static final Option<String> RELEASE_ADDRESS = address("quarantine.releaseAddress", "where release requests are sent")
        .defaultReads("quarantine-release@ the default domain");
    public static final Option<String> DIGEST_FROM = address("quarantine.digestFrom", "the sender of digests")
        .defaultReads("postmaster@ the default domain");
    public static final OptionSection OPTIONS = OptionSection.of("quarantine.", "Quarantine", REPOSITORY, LINK_LIFETIME, SECRET,
        RELEASE_ADDRESS, DIGEST_FROM);

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
        OptionValues values = OPTIONS.read(p);
        return new QuarantineConfig(values.get(REPOSITORY), values.get(LINK_LIFETIME),
            values.find(SECRET).map(secret -> secret.getBytes(StandardCharsets.UTF_8)).orElse(null),
            values.get(RELEASE_ADDRESS), values.get(DIGEST_FROM));
    }

    /** The error tells the length, never the secret: startup failures end up in logs. */
    private static String secret(String key, String value) {
        if (value.length() < 32) {
            throw ConfigValues.bad(key, "(" + value.length() + " characters)", "at least 32 characters");
        }
        return value;
    }

    private static Option<String> address(String name, String doc) {
        return Option.text(name, null, doc).requiring(v -> v.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"), "an address like name@example.com");
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
