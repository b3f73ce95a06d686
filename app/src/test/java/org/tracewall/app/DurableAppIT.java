package org.tracewall.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.imap.StartTlsImap;

/**
 * The packaged app, as {@code ./tracewall run} starts it (the durable server), killed with SIGKILL
 * and started again on the same working directory: every message the client saw accepted is
 * accounted for (delivered, quarantined or still queued for a remote host), and so are a domain and
 * a user created through WebAdmin and the provisioned ones.
 */
class DurableAppIT {
    /** The quarantine (file://var/mail/quarantine/ in the sample) as WebAdmin names it: its path. */
    private static final String QUARANTINE = "var/mail/quarantine";
    private static final int BURST = 12;
    /** A subject rule that scores into the quarantine band (score.quarantine=10, score.reject=15; the trusted network takes 2 off). */
    private static final String QUARANTINE_RULE =
        "score.rule.CRASH_TEST.in=Subject\nscore.rule.CRASH_TEST.pattern=quarantine me\nscore.rule.CRASH_TEST.weight=14\n";

    @TempDir
    static Path work;
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    static DurableApp app;

    @AfterAll
    static void stop() throws Exception {
        DNS.close();
        if (app != null) {
            app.close();
        }
    }

    @Test
    void everyAcceptedMessageAndEveryUserShouldSurviveAKill() throws Exception {
        // mx.test's only exchanger accepts no connection: its mail waits in the outgoing queue.
        DNS.zone().mx("mx.test", 10, "mx1.mx.test").a("mx1.mx.test", "127.0.30.10");
        app = DurableApp.configure(work, DNS, QUARANTINE_RULE).start();
        assertThat(app.webAdmin("PUT", "/domains/branch.example", null)).startsWith("204");
        assertThat(app.webAdmin("PUT", "/users/dave@tracewall.local", "{\"password\":\"dave-secret-1\"}")).startsWith("204");

        app.sendAccepted("alice@example.org", "bob@tracewall.local", "delivered before the crash");
        app.sendAccepted("alice@example.org", "bob@tracewall.local", "quarantine me please");
        app.sendAccepted("alice@example.org", "carol@mx.test", "queued for a remote host");
        List<String> burst = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            burst.add("burst " + i);
            app.sendAccepted("alice@example.org", "bob@tracewall.local", "burst " + i);
        }
        assertThat(awaitMessage("delivered before the crash")).contains("X-Tracewall-Stamp");
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
            assertThat(quarantined()).as("%s%n%s", quarantineListing(), decisions()).isEqualTo(1));

        app.kill();
        app.start();

        assertThat(awaitMessage("delivered before the crash")).contains("X-Tracewall-Stamp");
        for (String subject : burst) {
            assertThat(awaitMessage(subject)).as("accepted before the kill: %s", subject).contains("Subject: " + subject);
        }
        assertThat(quarantined()).as("the quarantine, after the restart").isEqualTo(1);
        assertThat(app.webAdmin("GET", "/mailQueues/outgoing/mails", null)).contains("carol@mx.test");
        assertThat(app.webAdmin("GET", "/users", null)).contains("dave@tracewall.local").contains("bob@tracewall.local");
        assertThat(app.webAdmin("GET", "/domains", null)).contains("branch.example").contains("tracewall.local");
        assertThat(app.process().output()).as("provisioning on a restart creates nothing twice")
            .doesNotContain("Generated password").doesNotContain("AlreadyExists");
    }

    private static String awaitMessage(String subject) throws IOException {
        return StartTlsImap.awaitMessage(app.imap, "bob@tracewall.local", app.generatedPassword("bob@tracewall.local"), subject,
            Duration.ofSeconds(60));
    }

    /** The scoring decisions and errors James logged, for assertion messages. */
    private static String decisions() throws IOException {
        return app.process().output().lines()
            .filter(line -> line.contains("decision") || line.contains("ERROR") || line.contains("Exception"))
            .collect(Collectors.joining(System.lineSeparator()));
    }

    private static int quarantined() throws Exception {
        String body = quarantineListing();
        return body.startsWith("200") ? body.split("\"", -1).length / 2 : -1;
    }

    /** The keys of the quarantined mails, as WebAdmin lists them. */
    private static String quarantineListing() throws Exception {
        return app.webAdmin("GET", "/mailRepositories/" + URLEncoder.encode(QUARANTINE, StandardCharsets.UTF_8) + "/mails", null);
    }
}
