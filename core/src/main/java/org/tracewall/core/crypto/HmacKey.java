package org.tracewall.core.crypto;

import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HMAC-SHA256 key, the one MAC the signed links and stamps use. A key for one use is
 * {@link #derive derived} from the server secret, so that a value signed for one purpose (a
 * release link) is never accepted for another (a reputation stamp).
 */
public final class HmacKey {
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    /**
     * A Mac per thread, initialised once: looking up the provider and initialising a Mac for each
     * value took a sixth of the container's Tracewall time in the load profile. A Mac is not
     * thread-safe, and doFinal leaves it ready for the next value under the same key.
     */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    private HmacKey(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** @param secret at least 32 bytes */
    public static HmacKey of(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("A signing secret needs at least 32 bytes, not " + secret.length);
        }
        return new HmacKey(secret.clone());
    }

    /** A key of its own for one use, named by {@code label}. */
    public HmacKey derive(byte[] label) {
        return new HmacKey(mac(label));
    }

    public byte[] mac(byte[] data) {
        return macs.get().doFinal(data);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
