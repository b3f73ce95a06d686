package org.tracewall.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.smtp.SmtpReply;
import org.tracewall.testing.smtp.SmtpTestClient;

/**
 * The packaged app in a working directory of its own, on free loopback ports, with the gateway
 * sample and a loopback DNS: started as {@code ./tracewall run} starts it (the durable server),
 * killed, started again.
 */
final class DurableApp implements AutoCloseable {
    final Path work;
    final int smtp;
    final int imap;
    final int webAdmin;
    private JamesProcess james;
    private int starts;

    private DurableApp(Path work, int smtp, int imap, int webAdmin) {
        this.work = work;
        this.smtp = smtp;
        this.imap = imap;
        this.webAdmin = webAdmin;
    }

    /** The sample installed into {@code work}, moved to free ports; {@code extraProperties} appended to tracewall.properties. */
    static DurableApp configure(Path work, LoopbackDnsServer dns, String extraProperties) throws IOException {
        Path conf = work.resolve("conf");
        new WorkingDirectory(work).installSampleConfiguration("gateway");
        DurableApp app = new DurableApp(work, JamesProcess.freePort(), JamesProcess.freePort(), JamesProcess.freePort());
        JamesProcess.rewrite(conf.resolve("smtpserver.xml"), "0.0.0.0:2525", "127.0.0.1:" + app.smtp);
        JamesProcess.rewrite(conf.resolve("smtpserver.xml"), "0.0.0.0:2465", "127.0.0.1:" + JamesProcess.freePort());
        JamesProcess.rewrite(conf.resolve("smtpserver.xml"), "0.0.0.0:587", "127.0.0.1:" + JamesProcess.freePort());
        JamesProcess.rewrite(conf.resolve("imapserver.xml"), "0.0.0.0:1143", "127.0.0.1:" + app.imap);
        JamesProcess.rewrite(conf.resolve("imapserver.xml"), "0.0.0.0:1993", "127.0.0.1:" + JamesProcess.freePort());
        JamesProcess.rewrite(conf.resolve("webadmin.properties"), "port=8000", "port=" + app.webAdmin);
        Files.writeString(conf.resolve("tracewall.properties"), "dns.servers=" + dns.hostAndPort() + "\n" + extraProperties,
            StandardOpenOption.APPEND);
        Files.writeString(conf.resolve("dnsservice.xml"), JamesProcess.LOOPBACK_DNSSERVICE_XML);
        return app;
    }

    /** Starts the app (again) and waits until it is up; each start logs to its own file. */
    DurableApp start(String... options) throws IOException {
        Path appDir = Path.of(System.getProperty("tracewall.app.dir", "target"));
        List<String> command = new java.util.ArrayList<>(List.of("-jar", appDir.resolve("tracewall-app.jar").toString()));
        command.addAll(List.of(options));
        starts++;
        james = JamesProcess.start(work, command, smtp, "Tracewall on Apache James is up", "james-" + starts + ".log");
        return this;
    }

    /** SIGKILL, as a power cut would stop it. */
    void kill() throws InterruptedException {
        james.kill();
    }

    JamesProcess process() {
        return james;
    }

    /** From 127.0.0.1, the sample's authorized address: relaying allowed, no AUTH needed. */
    SmtpReply send(String from, String to, String headers) throws IOException {
        try (SmtpTestClient client = SmtpTestClient.connect(smtp)) {
            client.ehlo("client.example.org");
            return client.send(from, List.of(to), "From: " + from + "\r\nTo: " + to + "\r\n" + headers + "\r\n\r\nHi\r\n");
        }
    }

    void sendAccepted(String from, String to, String subject) throws IOException {
        SmtpReply reply = send(from, to, "Subject: " + subject);
        assertThat(reply.code()).as("%s: %s%n%s", subject, reply, james.tail()).isEqualTo(250);
    }

    String adminToken() throws Exception {
        return AdminTokens.adminToken(work.resolve("conf"), "admin", Instant.now(), Duration.ofHours(1));
    }

    /** "status body" of a WebAdmin request. */
    String webAdmin(String method, String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webAdmin + path))
            .header("Authorization", "Bearer " + adminToken())
            .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
            .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    String generatedPassword(String user) throws IOException {
        Properties generated = new Properties();
        try (Reader reader = Files.newBufferedReader(work.resolve("conf/generated-passwords.properties"))) {
            generated.load(reader);
        }
        return generated.getProperty(user);
    }

    @Override
    public void close() throws InterruptedException {
        if (james != null) {
            james.close();
        }
    }
}
