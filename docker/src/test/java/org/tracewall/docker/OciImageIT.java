package org.tracewall.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.imap.StartTlsImap;
import org.tracewall.testing.smtp.SmtpReply;
import org.tracewall.testing.smtp.SmtpTestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Builds the OCI image with docker/build-oci.sh (no registry, no Docker engine), unpacks it with
 * umoci, and runs its entrypoint as a container runtime would, in its own mount and PID
 * namespaces chrooted into the image's root filesystem (podman needs capabilities this machine
 * lacks). The container shares the host's network, so the test talks SMTP and IMAP to it on
 * loopback. The working-directory volume is seeded with the gateway configuration on free
 * loopback ports, as an operator mounts a conf volume; DNS answers come from the loopback server.
 */
class OciImageIT {
    private static final Path ROOT = Path.of(System.getProperty("tracewall.root", "..")).toAbsolutePath().normalize();
    private static final Path OUT = Path.of(System.getProperty("tracewall.oci.dir", "target/oci")).toAbsolutePath();
    private static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();

    static Process container;
    static Path log;
    static int smtp;
    static int imap;
    static Path conf;

    @BeforeAll
    static void buildAndRun() throws Exception {
        run(Duration.ofMinutes(15), ROOT.resolve("docker/build-oci.sh").toString(), OUT.toString());
        Path image = OUT.resolve("tracewall-oci.tar");
        assertThat(image).isRegularFile();

        Path layout = OUT.resolve("run/layout");
        Path bundle = OUT.resolve("run/bundle");
        run(Duration.ofMinutes(2), "rm", "-rf", OUT.resolve("run").toString());
        Files.createDirectories(layout);
        run(Duration.ofMinutes(2), "tar", "-C", layout.toString(), "-xf", image.toString());
        run(Duration.ofMinutes(5), "umoci", "unpack", "--image", layout + ":tracewall", bundle.toString());

        JsonNode process = new ObjectMapper().readTree(bundle.resolve("config.json").toFile()).get("process");
        List<String> entrypoint = new ArrayList<>();
        process.get("args").forEach(arg -> entrypoint.add(arg.asText()));
        String cwd = process.get("cwd").asText();
        assertThat(entrypoint).contains("/opt/tracewall/tracewall-app.jar");

        Path rootfs = bundle.resolve("rootfs");
        prepareRootfs(rootfs, cwd);
        log = OUT.resolve("run/container.log");
        String command = "mount -t proc proc " + rootfs + "/proc && mount --rbind /dev " + rootfs + "/dev && exec chroot "
            + rootfs + " /bin/sh -c 'cd " + cwd + " && exec " + String.join(" ", entrypoint) + "'";
        container = new ProcessBuilder("unshare", "--mount", "--pid", "--fork", "sh", "-c", command)
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(container.isAlive()).as("the container exited:%n%s", tail()).isTrue();
            return listening(smtp) && Files.readString(log).contains("Provisioned user bob@tracewall.local");
        });
    }

    @AfterAll
    static void stop() throws Exception {
        DNS.close();
        if (container != null) {
            container.descendants().forEach(ProcessHandle::destroy);
            container.destroy();
            if (!container.waitFor(30, TimeUnit.SECONDS)) {
                container.descendants().forEach(ProcessHandle::destroyForcibly);
                container.destroyForcibly();
            }
        }
    }

    @Test
    void theImageShouldAcceptAndDeliverAMessageThroughTracewall() throws Exception {
        try (SmtpTestClient client = SmtpTestClient.connect(smtp)) {
            client.ehlo("client.example.org");
            SmtpReply reply = client.send("alice@example.org", List.of("bob@tracewall.local"),
                "From: alice@example.org\r\nTo: bob@tracewall.local\r\nSubject: from the image\r\n\r\nHi\r\n");
            assertThat(reply.code()).as("%s%n%s", reply, tail()).isEqualTo(250);
        }
        // The image's IMAP takes LOGIN only after STARTTLS, with the password the launcher generated.
        String message = StartTlsImap.awaitMessage(imap, "bob@tracewall.local", generatedPassword(), "from the image",
            Duration.ofSeconds(30));
        assertThat(message).contains("X-Tracewall-Stamp: tracewall/0.1.0")
            .contains("x-traceability=pass (authorized network 127.0.0.1)");
    }

    @Test
    void theImageShouldGenerateItsSecretsOnFirstStart() throws Exception {
        assertThat(conf.resolve("jwt_publickey")).isRegularFile();
        assertThat(conf.resolve("keystore")).isRegularFile();
        assertThat(Files.readString(conf.resolve("smtpserver.xml"))).doesNotContain("keystore-password-set-on-first-start");
        assertThat(generatedPassword()).hasSizeGreaterThanOrEqualTo(20);
    }

    private static String generatedPassword() throws IOException {
        Properties generated = new Properties();
        try (Reader reader = Files.newBufferedReader(conf.resolve("generated-passwords.properties"))) {
            generated.load(reader);
        }
        return generated.getProperty("bob@tracewall.local");
    }

    @Test
    void theImageShouldRejectAnUntraceableSender() throws Exception {
        DNS.zone().mx("mx.test", 10, "mx1.mx.test").a("mx1.mx.test", "127.0.30.10");
        try (SmtpTestClient client = SmtpTestClient.connect(smtp, "127.0.40.5")) {
            client.ehlo("relay.elsewhere.test");
            SmtpReply reply = client.mailFrom("alice@mx.test");
            assertThat(reply.code()).as("%s%n%s", reply, tail()).isEqualTo(550);
        }
    }

    /** Name resolution inside the container stays local; the volume gets a conf on free loopback ports. */
    private static void prepareRootfs(Path rootfs, String workingDirectory) throws Exception {
        String hostname = new String(new ProcessBuilder("hostname").start().getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        Files.writeString(rootfs.resolve("etc/hosts"), "127.0.0.1 localhost " + hostname + "\n::1 localhost\n");
        Files.writeString(rootfs.resolve("etc/resolv.conf"), "nameserver 127.0.0.1\n");

        conf = rootfs.resolve(workingDirectory.substring(1)).resolve("conf");
        Files.createDirectories(conf);
        try (Stream<Path> files = Files.list(ROOT.resolve("conf-samples/gateway"))) {
            for (Path file : files.collect(Collectors.toList())) {
                Files.copy(file, conf.resolve(file.getFileName()));
            }
        }
        smtp = freePort();
        imap = freePort();
        rewrite(conf.resolve("smtpserver.xml"), "0.0.0.0:2525", "127.0.0.1:" + smtp);
        rewrite(conf.resolve("smtpserver.xml"), "0.0.0.0:2465", "127.0.0.1:" + freePort());
        rewrite(conf.resolve("smtpserver.xml"), "0.0.0.0:587", "127.0.0.1:" + freePort());
        rewrite(conf.resolve("imapserver.xml"), "0.0.0.0:1143", "127.0.0.1:" + imap);
        rewrite(conf.resolve("imapserver.xml"), "0.0.0.0:1993", "127.0.0.1:" + freePort());
        rewrite(conf.resolve("webadmin.properties"), "port=8000", "port=" + freePort());
        Files.writeString(conf.resolve("tracewall.properties"),
            Files.readString(conf.resolve("tracewall.properties")) + "\ndns.servers=" + DNS.hostAndPort() + "\n");
        Files.writeString(conf.resolve("dnsservice.xml"), "<dnsservice><servers><server>127.0.0.1</server></servers>"
            + "<autodiscover>false</autodiscover><authoritative>false</authoritative><maxcachesize>50000</maxcachesize></dnsservice>");
    }

    private static void run(Duration timeout, String... command) throws Exception {
        Path output = Files.createTempFile("tracewall-oci", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean done = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
        if (!done) {
            process.destroyForcibly();
        }
        assertThat(done && process.exitValue() == 0).as("%s failed:%n%s", String.join(" ", command), Files.readString(output)).isTrue();
    }

    private static String tail() throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 40), lines.size()));
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
