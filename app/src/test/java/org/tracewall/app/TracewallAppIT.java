package org.tracewall.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracewall.testing.dns.LoopbackDnsServer;
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
    static Process james;
    static Path log;
    static int smtp;
    static int imap;

    @BeforeAll
    static void startApp() throws Exception {
        Path appDir = Path.of(System.getProperty("tracewall.app.dir", "target"));
        Path conf = work.resolve("conf");
        new WorkingDirectory(work).installSampleConfiguration("gateway");
        smtp = freePort();
        imap = freePort();
        rewrite(conf.resolve("smtpserver.xml"), "0.0.0.0:2525", "127.0.0.1:" + smtp);
        rewrite(conf.resolve("smtpserver.xml"), "0.0.0.0:2465", "127.0.0.1:" + freePort());
        rewrite(conf.resolve("smtpserver.xml"), "0.0.0.0:587", "127.0.0.1:" + freePort());
        rewrite(conf.resolve("imapserver.xml"), "0.0.0.0:1143", "127.0.0.1:" + imap);
        rewrite(conf.resolve("webadmin.properties"), "port=8000", "port=" + freePort());
        // Every DNS question of the separate James process stays on loopback: Tracewall asks the
        // loopback server, James's own DNS service a loopback address where nothing listens.
        // The state goes to a real redis-server: this exercises the Lettuce client as the jar
        // bundles it (relocated under org.tracewall.shaded) inside a stock James.
        redis = RedisServerProcess.startOnFreePort();
        rewrite(conf.resolve("tracewall.properties"), "store.type=embedded", "store.type=redis");
        rewrite(conf.resolve("tracewall.properties"), "greylist.delay=300s", "greylist.delay=0s");
        Files.writeString(conf.resolve("tracewall.properties"), "dns.servers=" + DNS.hostAndPort() + "\n"
            + "store.redis.uri=" + redis.uri() + "\n", StandardOpenOption.APPEND);
        Files.writeString(conf.resolve("dnsservice.xml"), "<dnsservice><servers><server>127.0.0.1</server></servers>"
            + "<autodiscover>false</autodiscover><authoritative>false</authoritative><maxcachesize>50000</maxcachesize></dnsservice>");
        DNS.zone().mx("mx.test", 10, "mx1.mx.test").a("mx1.mx.test", "127.0.30.10");

        log = work.resolve("james-stdout.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        james = new ProcessBuilder(java, "-Xmx512m",
            "-Djdk.net.hosts.file=" + System.getProperty("jdk.net.hosts.file", "/etc/hosts"),
            "-Dworking.directory=" + work, "-jar", appDir.resolve("tracewall-app.jar").toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
            .until(() -> {
                assertThat(james.isAlive()).as("James exited early, see %s:%n%s", log, tail()).isTrue();
                return listening(smtp) && Files.readString(log).contains("Provisioned user bob@tracewall.local");
            });
    }

    @AfterAll
    static void stopApp() throws Exception {
        DNS.close();
        if (redis != null) {
            redis.stop();
        }
        if (james != null) {
            james.destroy();
            if (!james.waitFor(30, TimeUnit.SECONDS)) {
                james.destroyForcibly();
            }
        }
    }

    @Test
    void theLauncherShouldInstallTheExtensionJarAndAKeystore() {
        assertThat(work.resolve("extensions-jars/tracewall-extension.jar")).isRegularFile();
        assertThat(work.resolve("conf/keystore")).isRegularFile();
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
            assertThat(reply.code()).as(tail()).isEqualTo(250);
        }
        try (TestIMAPClient client = new TestIMAPClient()) {
            client.connect("127.0.0.1", imap).login("bob@tracewall.local", "bob").select(TestIMAPClient.INBOX)
                .awaitMessage(Awaitility.await().atMost(Duration.ofSeconds(30)));
            assertThat(client.readFirstMessage()).contains("Subject: via the app").contains("X-Tracewall-Stamp: tracewall/0.1.0");
        }
    }

    @Test
    void theTraceabilityHookFromTheJarShouldJudgeExternalSenders() throws Exception {
        try (SmtpTestClient client = SmtpTestClient.connect(smtp, "127.0.40.5")) {
            client.ehlo("relay.elsewhere.test");
            SmtpReply rejected = client.mailFrom("alice@mx.test");
            assertThat(rejected.code()).as(tail()).isEqualTo(550);
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
                assertThat(reply.code()).as("%s%n%s", reply, tail()).isEqualTo(expected);
            }
        }
    }

    private static String tail() throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void rewrite(Path file, String from, String to) throws IOException {
        String content = Files.readString(file);
        assertThat(content).as("%s in %s", from, file).contains(from);
        Files.writeString(file, content.replace(from, to));
    }

}
