package org.tracewall.core.quarantine;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * What a release link allows: one recipient gets one quarantined mail (by its repository key)
 * until a moment. Signed by {@link ReleaseTokens}; nothing in it is secret, everything is bound.
 */
public final class ReleaseToken {
    private final String mailKey;
    private final String recipient;
    private final Instant expiresAt;

    public ReleaseToken(String mailKey, String recipient, Instant expiresAt) {
        this.mailKey = Objects.requireNonNull(mailKey);
        this.recipient = recipient.toLowerCase(Locale.ROOT);
        this.expiresAt = expiresAt;
    }

    public String mailKey() {
        return mailKey;
    }

    /** The recipient address, lower case. */
    public String recipient() {
        return recipient;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ReleaseToken)) {
            return false;
        }
        ReleaseToken other = (ReleaseToken) o;
        return mailKey.equals(other.mailKey) && recipient.equals(other.recipient) && expiresAt.equals(other.expiresAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mailKey, recipient, expiresAt);
    }

    @Override
    public String toString() {
        return "ReleaseToken{" + mailKey + " for " + recipient + " until " + expiresAt + "}";
    }
}
