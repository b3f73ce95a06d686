package org.tracewall.testing.james;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the launcher does to a sample on first start, for an in-process server that keeps the
 * sample's security settings: a self-signed keystore whose random password replaces the
 * samples' placeholder, and a WebAdmin JWT key pair whose private half signs test tokens.
 */
final class ShippedSecurity {
    static final String SECRET_PLACEHOLDER = "keystore-password-set-on-first-start";

    private final KeyPair jwtKeys;

    private ShippedSecurity(KeyPair jwtKeys) {
        this.jwtKeys = jwtKeys;
    }

    static ShippedSecurity prepare(Path conf) throws IOException, InterruptedException, GeneralSecurityException {
        String secret = UUID.randomUUID().toString();
        keystore(conf.resolve("keystore"), secret);
        try (Stream<Path> files = Files.list(conf)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".xml"))::iterator) {
                String content = Files.readString(file, StandardCharsets.UTF_8);
                Files.writeString(file, content.replace("<secret>" + SECRET_PLACEHOLDER + "</secret>", "<secret>" + secret + "</secret>"));
            }
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Files.writeString(conf.resolve("jwt_publickey"), "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        return new ShippedSecurity(keys);
    }

    /** An RS256 token with these claims (JSON), signed with the server's key. */
    String token(String claims) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String signed = url.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
            + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(jwtKeys.getPrivate());
            rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + url.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void keystore(Path keystore, String secret) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "james", "-keyalg", "RSA",
            "-keysize", "2048", "-validity", "30", "-storetype", "PKCS12", "-keystore", keystore.toString(),
            "-storepass", secret, "-keypass", secret, "-dname", "CN=localhost, O=Tracewall test")
            .redirectErrorStream(true)
            .start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool could not create " + keystore + ": " + output);
        }
    }
}
