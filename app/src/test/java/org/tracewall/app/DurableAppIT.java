package org.tracewall.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.imap.StartTlsImap;
import org.tracewall.testing.smtp.SmtpReply;
import org.tracewall.testing.smtp.SmtpTestClient;

/**
 * The packaged app, as {@code ./tracewall run} starts it (the durable server), killed with SIGKILL
 * and started again on the same working directory: every message the client saw accepted is
 * accounted for (delivered, quarantined or still queued for a remote host), and so are a user
 * created through WebAdmin and the provisioned ones.
 */
class DurableAppIT {
    /** The quarantine (file://var/mail/quarantine/ in the sample) as WebAdmin names it: its path. */
    private static final String QUARANTINE = "var/mail/quarantine";
    private static final int BURST = 12;

    @TempDir
    static Path work;
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    static JamesProcess james;
    static int smtp;
    static int imap;
    static int webAdmin;

    @AfterAll
    static void stop() throws Exception {
        DNS.close();
        if (james != null) {
            james.close();
        }
    }

    @Test
    void everyAcceptedMessageAndEveryUserShouldSurviveAKill() throws Exception {
        configure();
        james = start("james-1.log");
        String token = AdminTokens.adminToken(work.resolve("conf"), "admin", Instant.now(), Duration.ofHours(1));
        assertThat(webAdmin("PUT", "/users/dave@tracewall.local", token, "{\"password\":\"dave-secret-1\"}")).startsWith("204");

        send("alice@example.org", "bob@tracewall.local", "delivered before the crash");
        send("alice@example.org", "bob@tracewall.local", "quarantine me please");
        send("alice@example.org", "carol@mx.test", "queued for a remote host");
        List<String> burst = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            burst.add("burst " + i);
            send("alice@example.org", "bob@tracewall.local", "burst " + i);
        }
        assertThat(awaitMessage("delivered before the crash")).contains("X-Tracewall-Stamp");
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
            assertThat(quarantined(token)).as("%s%n%s", quarantineListing(token), decisions()).isEqualTo(1));

        james.kill();
        james = start("james-2.log");

        assertThat(awaitMessage("delivered before the crash")).contains("X-Tracewall-Stamp");
        for (String subject : burst) {
            assertThat(awaitMessage(subject)).as("accepted before the kill: %s", subject).contains("Subject: " + subject);
        }
        assertThat(quarantined(token)).as("the quarantine, after the restart").isEqualTo(1);
        assertThat(webAdmin("GET", "/mailQueues/outgoing/mails", token, null)).contains("carol@mx.test");
        assertThat(webAdmin("GET", "/users", token, null)).contains("dave@tracewall.local").contains("bob@tracewall.local");
        assertThat(james.output()).as("provisioning on a restart creates nothing twice")
            .doesNotContain("Generated password").doesNotContain("AlreadyExists");
    }

    private static void configure() throws IOException {
        Path conf = work.resolve("conf");
        new WorkingDirectory(work).installSampleConfiguration("gateway");
        smtp = JamesProcess.freePort();
        imap = JamesProcess.freePort();
        webAdmin = JamesProcess.freePort();
        JamesProcess.rewrite(conf.resolve("smtpserver.xml"), "0.0.0.0:2525", "127.0.0.1:" + smtp);
        JamesProcess.rewrite(conf.resolve("smtpserver.xml"), "0.0.0.0:2465", "127.0.0.1:" + JamesProcess.freePort());
        JamesProcess.rewrite(conf.resolve("smtpserver.xml"), "0.0.0.0:587", "127.0.0.1:" + JamesProcess.freePort());
        JamesProcess.rewrite(conf.resolve("imapserver.xml"), "0.0.0.0:1143", "127.0.0.1:" + imap);
        JamesProcess.rewrite(conf.resolve("imapserver.xml"), "0.0.0.0:1993", "127.0.0.1:" + JamesProcess.freePort());
        JamesProcess.rewrite(conf.resolve("webadmin.properties"), "port=8000", "port=" + webAdmin);
        // A subject rule that scores into the quarantine band (score.quarantine=10, score.reject=15; the trusted network takes 2 off).
        Files.writeString(conf.resolve("tracewall.properties"), "dns.servers=" + DNS.hostAndPort() + "\n"
            + "score.rule.CRASH_TEST.in=Subject\nscore.rule.CRASH_TEST.pattern=quarantine me\nscore.rule.CRASH_TEST.weight=14\n",
            StandardOpenOption.APPEND);
        Files.writeString(conf.resolve("dnsservice.xml"), JamesProcess.LOOPBACK_DNSSERVICE_XML);
        // mx.test's only exchanger accepts no connection: its mail waits in the outgoing queue.
        DNS.zone().mx("mx.test", 10, "mx1.mx.test").a("mx1.mx.test", "127.0.30.10");
    }

    private static JamesProcess start(String log) throws IOException {
        Path appDir = Path.of(System.getProperty("tracewall.app.dir", "target"));
        return JamesProcess.start(work, List.of("-jar", appDir.resolve("tracewall-app.jar").toString()), smtp,
            "Tracewall on Apache James is up", log);
    }

    /** From 127.0.0.1, the sample's authorized address: relaying allowed, no AUTH needed. */
    private static void send(String from, String to, String subject) throws IOException {
        try (SmtpTestClient client = SmtpTestClient.connect(smtp)) {
            client.ehlo("client.example.org");
            SmtpReply reply = client.send(from, List.of(to),
                "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\n\r\nHi\r\n");
            assertThat(reply.code()).as("%s: %s%n%s", subject, reply, james.tail()).isEqualTo(250);
        }
    }

    private static String awaitMessage(String subject) throws IOException {
        return StartTlsImap.awaitMessage(imap, "bob@tracewall.local", generatedPassword(), subject, Duration.ofSeconds(60));
    }

    /** The scoring decisions and errors James logged, for assertion messages. */
    private static String decisions() throws IOException {
        return james.output().lines().filter(line -> line.contains("decision") || line.contains("ERROR") || line.contains("Exception"))
            .collect(java.util.stream.Collectors.joining(System.lineSeparator()));
    }

    private static int quarantined(String token) throws Exception {
        String body = quarantineListing(token);
        return body.startsWith("200") ? body.split("\"", -1).length / 2 : -1;
    }

    /** The keys of the quarantined mails, as WebAdmin lists them. */
    private static String quarantineListing(String token) throws Exception {
        return webAdmin("GET", "/mailRepositories/" + URLEncoder.encode(QUARANTINE, StandardCharsets.UTF_8) + "/mails", token, null);
    }

    /** "status body" of a WebAdmin request. */
    private static String webAdmin(String method, String path, String token, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webAdmin + path))
            .header("Authorization", "Bearer " + token)
            .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
            .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    private static String generatedPassword() throws IOException {
        Properties generated = new Properties();
        try (Reader reader = Files.newBufferedReader(work.resolve("conf/generated-passwords.properties"))) {
            generated.load(reader);
        }
        return generated.getProperty("bob@tracewall.local");
    }
}
