package org.tracewall.app;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Properties;

/**
 * Passwords the launcher generated for users that {@code provision.properties} lists without
 * one. Each is generated once, printed once, and kept in a file readable by its owner only
 * ({@code var/conf/generated-passwords.properties}), because the memory server forgets its users
 * at every stop and must be given the same password again.
 */
final class GeneratedPasswords {
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int LENGTH = 20;

    private final Path file;
    private final Properties known = new Properties();
    private final SecureRandom random = new SecureRandom();

    GeneratedPasswords(Path file) throws IOException {
        this.file = file;
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                known.load(reader);
            }
        }
    }

    /** The password kept for {@code user}, if one was generated before. */
    String existing(String user) {
        return known.getProperty(user);
    }

    /** Generates and keeps a password for {@code user}. */
    String generate(String user) throws IOException {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < LENGTH; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        known.setProperty(user, password.toString());
        save();
        return password.toString();
    }

    private void save() throws IOException {
        StringWriter text = new StringWriter();
        known.store(text, "Passwords the launcher generated for provision.properties users (change them with WebAdmin)");
        PrivateFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
