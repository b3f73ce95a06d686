package org.tracewall.core.dkim;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Locale;

/**
 * The signing algorithms of a= (RFC 6376, RFC 8463) and how each verifies. rsa-sha1 is parsed
 * but never valid (RFC 8301), nor an RSA key under 1024 bits. Ed25519 comes from the Java
 * runtime (15 and later) or else from the BouncyCastle provider that James ships, so that it
 * also verifies on James's Java 11 images.
 */
public enum DkimAlgorithm {
    RSA_SHA256("rsa-sha256", "rsa", "sha256"),
    RSA_SHA1("rsa-sha1", "rsa", "sha1"),
    ED25519_SHA256("ed25519-sha256", "ed25519", "sha256");

    /** RFC 8301 section 3.2. */
    static final int MINIMUM_RSA_BITS = 1024;
    /** SubjectPublicKeyInfo of an Ed25519 key up to its 32 bytes (RFC 8410). */
    private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    /** AlgorithmIdentifier rsaEncryption with NULL parameters, for keys published as bare RSAPublicKey. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d,
        0x01, 0x01, 0x01, 0x05, 0x00};

    private final String tag;
    private final String keyType;
    private final String hash;

    DkimAlgorithm(String tag, String keyType, String hash) {
        this.tag = tag;
        this.keyType = keyType;
        this.hash = hash;
    }

    /** @throws IllegalArgumentException for an algorithm nobody defined */
    public static DkimAlgorithm parse(String a) {
        for (DkimAlgorithm algorithm : values()) {
            if (algorithm.tag.equals(a.toLowerCase(Locale.ROOT))) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("unknown algorithm a=" + a);
    }

    public String tag() {
        return tag;
    }

    /** The k= of a key that can verify it. */
    public String keyType() {
        return keyType;
    }

    /** The h= name of its hash (sha256, sha1). */
    public String hashName() {
        return hash;
    }

    public MessageDigest digest() {
        try {
            return MessageDigest.getInstance(hash.equals("sha1") ? "SHA-1" : "SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1 and SHA-256", e);
        }
    }

    /**
     * Whether {@code signature} signs {@code data} (the canonical header fields) with the key.
     *
     * @throws GeneralSecurityException when the key is malformed or too weak: a permanent error, not a failed signature
     */
    public boolean verify(byte[] key, byte[] data, byte[] signature) throws GeneralSecurityException {
        if (this == ED25519_SHA256) {
            return verifyEd25519(key, data, signature);
        }
        PublicKey publicKey = rsaKey(key);
        int bits = ((RSAPublicKey) publicKey).getModulus().bitLength();
        if (bits < MINIMUM_RSA_BITS) {
            throw new GeneralSecurityException("RSA key of " + bits + " bits (at least " + MINIMUM_RSA_BITS + ")");
        }
        Signature verifier = Signature.getInstance(this == RSA_SHA1 ? "SHA1withRSA" : "SHA256withRSA");
        verifier.initVerify(publicKey);
        verifier.update(data);
        return verifier.verify(signature);
    }

    /** RFC 8463: PureEdDSA over the SHA-256 of the data. */
    private static boolean verifyEd25519(byte[] key, byte[] data, byte[] signature) throws GeneralSecurityException {
        if (key.length != 32) {
            throw new GeneralSecurityException("an Ed25519 key has 32 bytes, not " + key.length);
        }
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + 32];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(key, 0, spki, ED25519_SPKI_PREFIX.length, 32);
        Provider provider = ed25519Provider();
        KeyFactory factory = provider == null ? KeyFactory.getInstance("Ed25519") : KeyFactory.getInstance("Ed25519", provider);
        Signature verifier = provider == null ? Signature.getInstance("Ed25519") : Signature.getInstance("Ed25519", provider);
        verifier.initVerify(factory.generatePublic(new X509EncodedKeySpec(spki)));
        verifier.update(ED25519_SHA256.digest().digest(data));
        return verifier.verify(signature);
    }

    /** Null when the runtime has Ed25519 itself; looked for once (a BouncyCastle provider is costly to build). */
    private static Provider ed25519Provider() throws NoSuchAlgorithmException {
        if (Ed25519Support.MISSING != null) {
            throw Ed25519Support.MISSING;
        }
        return Ed25519Support.PROVIDER;
    }

    /** Where Ed25519 comes from on this runtime, found on first use. */
    private static final class Ed25519Support {
        static final Provider PROVIDER;
        static final NoSuchAlgorithmException MISSING;

        static {
            Provider provider = null;
            NoSuchAlgorithmException missing = null;
            try {
                KeyFactory.getInstance("Ed25519");
            } catch (NoSuchAlgorithmException beforeJava15) {
                provider = Security.getProvider("BC");
                if (provider == null) {
                    try {
                        provider = (Provider) Class.forName("org.bouncycastle.jce.provider.BouncyCastleProvider").getConstructor().newInstance();
                    } catch (ReflectiveOperationException | LinkageError e) {
                        missing = new NoSuchAlgorithmException("Ed25519 needs Java 15 or BouncyCastle on the class path", e);
                    }
                }
            }
            PROVIDER = provider;
            MISSING = missing;
        }
    }

    /** SubjectPublicKeyInfo as RFC 6376 publishes it, or a bare PKCS#1 RSAPublicKey as some signers do. */
    private static PublicKey rsaKey(byte[] key) throws GeneralSecurityException {
        KeyFactory factory = KeyFactory.getInstance("RSA");
        try {
            return factory.generatePublic(new X509EncodedKeySpec(key));
        } catch (GeneralSecurityException notSpki) {
            return factory.generatePublic(new X509EncodedKeySpec(spkiOfPkcs1(key)));
        }
    }

    private static byte[] spkiOfPkcs1(byte[] rsaPublicKey) {
        byte[] bitString = concat(new byte[] {0x03}, derLength(rsaPublicKey.length + 1), new byte[] {0x00}, rsaPublicKey);
        byte[] content = concat(RSA_ALGORITHM, bitString);
        return concat(new byte[] {0x30}, derLength(content.length), content);
    }

    private static byte[] derLength(int length) {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        if (length < 0x100) {
            return new byte[] {(byte) 0x81, (byte) length};
        }
        return new byte[] {(byte) 0x82, (byte) (length >> 8), (byte) length};
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
