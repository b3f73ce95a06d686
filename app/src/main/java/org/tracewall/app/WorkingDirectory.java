package org.tracewall.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Prepares a James working directory the way an operator would by hand: a {@code conf/}
 * folder from a sample (only when there is none, so edits survive), a TLS keystore (only
 * when missing), and the Tracewall extension jar in {@code extensions-jars/} (refreshed at
 * every start, so a rebuild takes effect).
 */
final class WorkingDirectory {
    static final String SAMPLE_ROOT = "tracewall-conf/";
    /** What the samples' {@code <secret>} says until the first start replaces it with the keystore's random password. */
    static final String KEYSTORE_SECRET_PLACEHOLDER = "keystore-password-set-on-first-start";
    private static final List<String> TLS_CONFIGURATIONS = List.of("smtpserver.xml", "imapserver.xml", "pop3server.xml",
        "lmtpserver.xml", "managesieveserver.xml");

    private final Path root;

    WorkingDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    Path conf() {
        return root.resolve("conf");
    }

    /** Copies the named sample (e.g. "gateway") into conf/ unless conf/ already exists; returns the files copied. */
    List<String> installSampleConfiguration(String sample) throws IOException {
        if (Files.isDirectory(conf())) {
            return List.of();
        }
        URL marker = WorkingDirectory.class.getClassLoader().getResource(SAMPLE_ROOT + sample + "/mailetcontainer.xml");
        if (marker == null) {
            throw new IllegalArgumentException("No sample configuration named '" + sample + "' on the class path");
        }
        try {
            URI uri = marker.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return copyTree(jar.getPath(SAMPLE_ROOT + sample), conf());
                }
            }
            return copyTree(Path.of(uri).getParent(), conf());
        } catch (URISyntaxException e) {
            throw new IOException("Cannot read the sample configuration at " + marker, e);
        }
    }

    /**
     * Generates a self-signed PKCS12 keystore for the TLS ports when conf/keystore is missing, with a
     * random password that replaces the samples' placeholder in the server configurations: a
     * password printed in a public sample protects nothing.
     */
    boolean ensureKeystore() throws IOException, InterruptedException {
        Path keystore = conf().resolve("keystore");
        if (Files.exists(keystore)) {
            return false;
        }
        String secret = randomSecret();
        // Generated beside, then moved in last: a crash before the move leaves no keystore, so the next
        // start generates one again and rewrites every configuration's secret to match.
        Path generated = conf().resolve(".keystore.generating");
        Files.deleteIfExists(generated);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "james", "-keyalg", "RSA",
            "-keysize", "2048", "-validity", "3650", "-storetype", "PKCS12", "-keystore", generated.toString(),
            "-storepass", secret, "-keypass", secret, "-dname", "CN=localhost, O=Tracewall sample")
            .redirectErrorStream(true)
            .start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes());
        }
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool could not create " + keystore + ": " + output);
        }
        PrivateFiles.restrict(generated);
        for (String name : TLS_CONFIGURATIONS) {
            Path file = conf().resolve(name);
            if (Files.exists(file)) {
                // Every <secret> of these files is the keystore's (the samples have no other).
                String configured = Files.readString(file).replaceAll("<secret>[^<]*</secret>",
                    "<secret>" + Matcher.quoteReplacement(secret) + "</secret>");
                PrivateFiles.write(file, configured.getBytes(StandardCharsets.UTF_8));
            }
        }
        Files.move(generated, keystore, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    private static String randomSecret() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Installs (or refreshes) the extension jar into extensions-jars/. */
    Path installExtension(Path extensionJar) throws IOException {
        if (!Files.isRegularFile(extensionJar)) {
            throw new IOException("Tracewall extension jar not found at " + extensionJar
                + " (build it with ./mvnw -pl app -am package)");
        }
        Path target = root.resolve("extensions-jars").resolve("tracewall-extension.jar");
        Files.createDirectories(target.getParent());
        Files.copy(extensionJar, target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private static List<String> copyTree(Path source, Path target) throws IOException {
        List<String> copied = new ArrayList<>();
        Files.createDirectories(target);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                String relative = source.relativize(file).toString();
                Path destination = target.resolve(relative);
                Files.createDirectories(destination.getParent());
                try (InputStream in = Files.newInputStream(file)) {
                    Files.copy(in, destination);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot copy " + relative, e);
                }
                copied.add(relative);
            }
        }
        return copied;
    }
}
