package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.james.TracewallClock;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.smtp.SmtpTestClient;

/**
 * Reminder digests and release links in the shipped gateway sample: quarantined mail is listed
 * to its recipient (POST /tracewall/quarantine/digests) with one signed token per message; the
 * recipient, authenticated, releases it to themselves; another user with the same token, a
 * forged token, a used one and an expired one are refused, each with a reply that says why.
 */
class QuarantineReleaseIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    static final String QUARANTINE = "file://var/mail/quarantine/";
    static final String RELEASE = "quarantine-release@tracewall.local";
    static final AtomicLong NOW = new AtomicLong(System.currentTimeMillis());
    static final TracewallClock CLOCK = NOW::get;
    static final AtomicLong REQUESTS = new AtomicLong();
    private static final Pattern TOKEN = Pattern.compile("with the subject: RELEASE (v1\\.[A-Za-z0-9_.-]+)\\)");

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS)
        .property("score.rule.HOLD.in", "Subject")
        .property("score.rule.HOLD.pattern", "HOLD-ME")
        .property("score.rule.HOLD.weight", "13")
        .override(binder -> binder.bind(TracewallClock.class).toInstance(CLOCK))
        .user("carol@tracewall.local", "carolpw")
        .user("dave@tracewall.local", "davepw")
        .user(RELEASE, "x")
        .build();

    @BeforeAll
    static void zone() {
        DNS.zone().txt("sender.test", "v=spf1 ip4:127.0.99.0/24 -all")
            .a("out.sender.test", "127.0.99.5").ptr("127.0.99.5", "out.sender.test");
    }

    @AfterAll
    static void stop() {
        DNS.close();
    }

    @Test
    void theRecipientShouldReleaseHeldMailAndNobodyElse() throws Exception {
        String token = holdAndDigest("HOLD-ME first offer");

        assertThat(request("dave@tracewall.local", "davepw", token)).contains("0 released", "not yours");
        assertThat(james.repositoryCount(QUARANTINE)).isEqualTo(1);

        String forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        assertThat(request("carol@tracewall.local", "carolpw", forged)).contains("0 released", "signature does not match");
        assertThat(james.repositoryCount(QUARANTINE)).isEqualTo(1);

        assertThat(request("carol@tracewall.local", "carolpw", token)).contains("1 released");
        assertThat(james.repositoryCount(QUARANTINE)).isZero();
        assertThat(awaitInbox("carol@tracewall.local", "carolpw", "HOLD-ME first offer")).contains("From: news@sender.test");

        assertThat(request("carol@tracewall.local", "carolpw", token)).contains("0 released", "no longer held");
    }

    @Test
    void anExpiredLinkShouldBeRefusedAndTheMailStayHeld() throws Exception {
        String token = holdAndDigest("HOLD-ME second offer");
        NOW.addAndGet(Duration.ofDays(8).toMillis());
        try {
            assertThat(request("carol@tracewall.local", "carolpw", token)).contains("0 released", "expired");
            assertThat(james.repositoryCount(QUARANTINE)).isEqualTo(1);
        } finally {
            NOW.addAndGet(-Duration.ofDays(8).toMillis());
        }
        assertThat(request("carol@tracewall.local", "carolpw", token)).contains("1 released");
    }

    /** Sends a message that scores "quarantine", runs the digest, returns the release token it lists. */
    private static String holdAndDigest(String subject) throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.99.5")) {
            smtp.ehlo("out.sender.test");
            assertThat(smtp.send("news@sender.test", List.of("carol@tracewall.local"),
                "From: news@sender.test\r\nSubject: " + subject + "\r\n\r\nAct now.\r\n").code()).isEqualTo(250);
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> james.repositoryCount(QUARANTINE) == 1);

        HttpResponse<String> digests = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + james.webAdminPort() + "/tracewall/quarantine/digests")).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(digests.statusCode()).as(digests.body()).isEqualTo(200);
        assertThat(digests.body()).contains("\"quarantined\":1", "\"digestsSent\":1");

        String digest = awaitInbox("carol@tracewall.local", "carolpw", "Quarantine: 1 message held for you", "Subject: " + subject);
        assertThat(digest).contains("Subject: " + subject, "From: news@sender.test", "Release: mailto:" + RELEASE + "?subject=RELEASE%20v1.");
        Matcher m = TOKEN.matcher(digest);
        assertThat(m.find()).as(digest).isTrue();
        return m.group(1);
    }

    /** Sends RELEASE token as an authenticated user; returns the reply that user receives. */
    private static String request(String user, String password, String token) throws Exception {
        String messageId = "<release-" + REQUESTS.incrementAndGet() + "@laptop.tracewall.local>";
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.99.20")) {
            smtp.ehlo("laptop.tracewall.local");
            assertThat(smtp.authPlain(user, password).code()).isEqualTo(235);
            assertThat(smtp.send(user, List.of(RELEASE), "From: " + user + "\r\nTo: " + RELEASE + "\r\nMessage-ID: " + messageId
                + "\r\nSubject: RELEASE " + token + "\r\n\r\n\r\n").code()).isEqualTo(250);
        }
        return awaitInbox(user, password, "In-Reply-To: " + messageId);
    }

    /** Waits for the message of the user's INBOX that contains all the markers and returns it, headers unfolded. */
    private static String awaitInbox(String user, String password, String... markers) throws IOException {
        try (TestIMAPClient imap = new TestIMAPClient()) {
            imap.connect("127.0.0.1", james.imapPort()).login(user, password).select(TestIMAPClient.INBOX);
            String[] found = {null};
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                String all = imap.sendCommand("FETCH 1:* (BODY.PEEK[])").replaceAll("\\r\\n[ \\t]+", " ");
                for (String message : all.split("\\* \\d+ FETCH")) {
                    if (Arrays.stream(markers).allMatch(message::contains)) {
                        found[0] = message;
                        return true;
                    }
                }
                return false;
            });
            return found[0];
        }
    }
}
