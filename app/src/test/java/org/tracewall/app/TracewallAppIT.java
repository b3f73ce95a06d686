package org.tracewall.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.imap.StartTlsImap;
import org.tracewall.testing.redis.RedisServerProcess;
import org.tracewall.testing.smtp.SmtpReply;
import org.tracewall.testing.smtp.SmtpTestClient;

/**
 * Runs the packaged app exactly as the README does (java -jar target/tracewall-app.jar), in its
 * own process, with the gateway sample moved to free loopback ports. The Tracewall classes are
 * not on that process's class path: they can only come from var/extensions-jars, as in a
 * stock James. A delivered message carrying the Tracewall stamp proves the jar was loaded.
 */
class TracewallAppIT {
    @TempDir
    static Path work;
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    static RedisServerProcess redis;
    static DurableApp app;
    static JamesProcess james;
    static int smtp;
    static int imap;
    static int webAdmin;

    @BeforeAll
    static void startApp() throws Exception {
        // The state goes to a real redis-server: this exercises the Lettuce client as the jar
        // bundles it (relocated under org.tracewall.shaded) inside a stock James.
        redis = RedisServerProcess.startOnFreePort();
        app = DurableApp.configure(work, DNS, "store.redis.uri=" + redis.uri() + "\n");
        JamesProcess.rewrite(work.resolve("conf/tracewall.properties"), "store.type=embedded", "store.type=redis");
        JamesProcess.rewrite(work.resolve("conf/tracewall.properties"), "greylist.delay=300s", "greylist.delay=0s");
        DNS.zone().mx("mx.test", 10, "mx1.mx.test").a("mx1.mx.test", "127.0.30.10");
        james = app.start().process();
        smtp = app.smtp;
        imap = app.imap;
        webAdmin = app.webAdmin;
    }

    @AfterAll
    static void stopApp() throws Exception {
        DNS.close();
        if (redis != null) {
            redis.stop();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theLauncherShouldInstallTheExtensionJarAndAKeystore() {
        assertThat(work.resolve("extensions-jars/tracewall-extension.jar")).isRegularFile();
        assertThat(work.resolve("conf/keystore")).isRegularFile();
    }

    @Test
    void theKeystorePasswordShouldBeRandomNotTheSamplePlaceholder() throws IOException {
        String smtpserver = Files.readString(work.resolve("conf/smtpserver.xml"));

        assertThat(smtpserver).doesNotContain(WorkingDirectory.KEYSTORE_SECRET_PLACEHOLDER).contains("<secret>");
        assertThat(smtpserver).doesNotContain("<secret>tracewall</secret>");
    }

    @Test
    void theSampleUserShouldHaveAGeneratedPasswordPrintedOnce() throws IOException {
        String password = generatedPassword();

        assertThat(password).hasSizeGreaterThanOrEqualTo(20).isNotEqualTo("bob");
        assertThat(james.output()).containsOnlyOnce("Generated password for bob@tracewall.local: " + password);
        assertThat(Files.getPosixFilePermissions(work.resolve("conf/generated-passwords.properties")))
            .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void webAdminShouldRequireATokenThatTheTokenCommandPrints() throws Exception {
        assertThat(webAdminStatus("/domains", null)).isEqualTo(401);

        // What ./tracewall token runs: the AdminToken main of the packaged jar, in its own JVM.
        Process command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dworking.directory=" + work, "-cp", Path.of(System.getProperty("tracewall.app.dir", "target"))
                .resolve("tracewall-app.jar").toString(), "org.tracewall.app.AdminToken", "--hours", "1").start();
        String token = new String(command.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim();
        assertThat(command.waitFor()).as(new String(command.getErrorStream().readAllBytes())).isZero();

        assertThat(webAdminStatus("/domains", token)).isEqualTo(200);
        assertThat(webAdminStatus("/domains", token.substring(0, token.length() - 4) + "AAAA")).as("a forged signature").isEqualTo(401);
        assertThat(Files.getPosixFilePermissions(work.resolve("conf/jwt_privatekey")))
            .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    private static int webAdminStatus(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webAdmin + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String generatedPassword() throws IOException {
        return app.generatedPassword("bob@tracewall.local");
    }

    /** The shipped IMAP takes LOGIN only after STARTTLS. */
    private static String awaitMessage(String subject) throws IOException {
        return StartTlsImap.awaitMessage(imap, "bob@tracewall.local", generatedPassword(), subject, Duration.ofSeconds(30));
    }

    @Test
    void postmasterShouldReachTheSampleUserThroughTheProvisionedAlias() throws Exception {
        try (SmtpTestClient client = SmtpTestClient.connect(smtp)) {
            client.ehlo("client.example.org");
            SmtpReply reply = client.send("alice@example.org", List.of("postmaster@tracewall.local"),
                "From: alice@example.org\r\nTo: postmaster@tracewall.local\r\nSubject: to the postmaster\r\n\r\nHi\r\n");
            assertThat(reply.code()).as(james.tail()).isEqualTo(250);
        }
        assertThat(awaitMessage("to the postmaster")).contains("Delivered-To: bob@tracewall.local");
    }

    @Test
    void imapShouldRefuseEvenTheRightPasswordAfterTenWrongOnes() throws Exception {
        String token = AdminTokens.adminToken(work.resolve("conf"), "admin", Instant.now(), Duration.ofHours(1));
        HttpRequest create = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webAdmin + "/users/erin@tracewall.local"))
            .header("Authorization", "Bearer " + token).PUT(HttpRequest.BodyPublishers.ofString("{\"password\":\"erin-secret-1\"}")).build();
        assertThat(HttpClient.newHttpClient().send(create, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(204);
        assertThat(StartTlsImap.canLogin(imap, "erin@tracewall.local", "erin-secret-1")).as("before any guess").isTrue();

        for (int i = 0; i < 10; i++) {
            assertThat(StartTlsImap.canLogin(imap, "erin@tracewall.local", "guess" + i)).isFalse();
        }

        assertThat(StartTlsImap.canLogin(imap, "erin@tracewall.local", "erin-secret-1")).as("locked for the window").isFalse();
        assertThat(StartTlsImap.canLogin(imap, "bob@tracewall.local", generatedPassword())).as("another account").isTrue();
    }

    @Test
    void tracewallClassesShouldNotBeOnTheAppClassPath() throws IOException {
        Path lib = Path.of(System.getProperty("tracewall.app.dir", "target")).resolve("lib");
        List<Path> jars;
        try (Stream<Path> files = Files.list(lib)) {
            jars = files.collect(Collectors.toList());
        }
        assertThat(jars).hasSizeGreaterThan(300);
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                assertThat(file.stream().map(JarEntry::getName))
                    .as("classes in %s", jar.getFileName())
                    .noneMatch(name -> name.startsWith("org/tracewall/") && name.endsWith(".class"));
            }
        }
    }

    @Test
    void aMessageToTheSampleUserShouldBeDeliveredThroughTheExtensionJar() throws Exception {
        try (SmtpTestClient client = SmtpTestClient.connect(smtp)) {
            client.ehlo("client.example.org");
            SmtpReply reply = client.send("alice@example.org", List.of("bob@tracewall.local"),
                "From: alice@example.org\r\nTo: bob@tracewall.local\r\nSubject: via the app\r\n\r\nHi\r\n");
            assertThat(reply.code()).as(james.tail()).isEqualTo(250);
        }
        assertThat(awaitMessage("via the app")).contains("X-Tracewall-Stamp: tracewall/0.1.0");
    }

    @Test
    void theTraceabilityHookFromTheJarShouldJudgeExternalSenders() throws Exception {
        try (SmtpTestClient client = SmtpTestClient.connect(smtp, "127.0.40.5")) {
            client.ehlo("relay.elsewhere.test");
            SmtpReply rejected = client.mailFrom("alice@mx.test");
            assertThat(rejected.code()).as(james.tail()).isEqualTo(550);
            assertThat(rejected.text()).contains("not traceable to mx.test");
        }
        try (SmtpTestClient client = SmtpTestClient.connect(smtp, "127.0.30.77")) {
            client.ehlo("out.mx.test");
            assertThat(client.mailFrom("alice@mx.test").code()).isEqualTo(250);
        }
    }

    @Test
    void greylistingShouldKeepItsStateInRedisThroughTheRelocatedClient() throws Exception {
        DNS.zone().txt("neutral.test", "v=spf1 ?all");
        for (int expected : new int[] {451, 250}) {
            try (SmtpTestClient client = SmtpTestClient.connect(smtp, "127.0.80.5")) {
                client.ehlo("out.neutral.test");
                assertThat(client.mailFrom("news@neutral.test").code()).isEqualTo(250);
                SmtpReply reply = client.rcptTo("bob@tracewall.local");
                assertThat(reply.code()).as("%s%n%s", reply, james.tail()).isEqualTo(expected);
            }
        }
    }





}
