package org.tracewall.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The key pair and tokens of James's WebAdmin JWT authentication ({@code jwt.enabled=true}):
 * James checks RS256 tokens against {@code conf/jwt_publickey}; whoever holds
 * {@code conf/jwt_privatekey} (readable by its owner only) mints them. A token says who
 * ({@code sub}), that it may administer ({@code admin: true}) and until when ({@code exp}).
 */
final class AdminTokens {
    public static final String PUBLIC_KEY_FILE = "jwt_publickey";
    public static final String PRIVATE_KEY_FILE = "jwt_privatekey";
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private AdminTokens() {
    }

    /**
     * Creates {@code jwt_publickey} and {@code jwt_privatekey} in {@code conf} unless the public
     * key exists (an operator's own key is never replaced).
     *
     * @return whether a key pair was created
     */
    public static boolean ensureKeyPair(Path conf) throws IOException {
        Path publicKey = conf.resolve(PUBLIC_KEY_FILE);
        if (Files.exists(publicKey)) {
            return false;
        }
        KeyPair keys = generate();
        Files.createDirectories(conf);
        writePrivate(conf.resolve(PRIVATE_KEY_FILE), pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        Files.writeString(publicKey, pem("PUBLIC KEY", keys.getPublic().getEncoded()), StandardCharsets.US_ASCII);
        return true;
    }

    /** An admin token for {@code subject}, valid for {@code lifetime} from {@code now}, signed with the conf's private key. */
    public static String adminToken(Path conf, String subject, Instant now, Duration lifetime) throws IOException {
        Path file = conf.resolve(PRIVATE_KEY_FILE);
        if (!Files.isReadable(file)) {
            throw new IOException("No readable WebAdmin private key at " + file
                + " (the launcher creates it on first start; with your own key pair, sign tokens with your own tool)");
        }
        String claims = "{\"sub\":\"" + subject.replaceAll("[\"\\\\\\p{Cntrl}]", "") + "\",\"admin\":true,\"iat\":"
            + now.getEpochSecond() + ",\"exp\":" + now.plus(lifetime).getEpochSecond() + "}";
        return sign(readPrivate(file), claims);
    }

    /** A token over any claims (JSON), signed RS256 with {@code key}. */
    public static String sign(PrivateKey key, String claimsJson) {
        String signed = URL.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
            + URL.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RS256 is not available in this JVM", e);
        }
    }

    /** An RSA 2048 key pair. */
    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available in this JVM", e);
        }
    }

    /** PEM text of a DER encoding ("PUBLIC KEY": X.509 SubjectPublicKeyInfo, as James reads it). */
    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
            + "\n-----END " + type + "-----\n";
    }

    private static PrivateKey readPrivate(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("Not a PKCS#8 RSA private key: " + file, e);
        }
    }

    private static void writePrivate(Path file, String pem) throws IOException {
        PrivateFiles.write(file, pem.getBytes(StandardCharsets.US_ASCII));
    }
}
