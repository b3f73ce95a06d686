package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tracewall.it.BayesIntegrationTest.message;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.redis.RedisServerProcess;
import org.tracewall.testing.smtp.SmtpTestClient;

/**
 * Two James nodes with one Bayes model in a real redis-server ({@code bayes.store=state}):
 * what users teach through one node, the other scores with; with Redis down, mail is still
 * delivered, without a Bayes verdict (fail open), and scoring resumes when Redis is back.
 */
class SharedBayesIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    static final RedisServerProcess REDIS = startPersistentRedis();

    @RegisterExtension
    static TracewallJamesExtension teachingNode = node();

    @RegisterExtension
    static TracewallJamesExtension scoringNode = node();

    static RedisServerProcess startPersistentRedis() {
        try {
            return RedisServerProcess.startPersistentOnFreePort(Files.createTempDirectory("tracewall-redis"));
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server is needed (apt-get install redis-server)", e);
        }
    }

    static TracewallJamesExtension node() {
        return Gateway.builder(DNS)
            .property("store.type", "redis")
            .property("store.redis.uri", REDIS.uri())
            .property("store.redis.timeout", "500ms")
            .property("bayes.store", "state")
            .user("bob@tracewall.local", "bobpw")
            .user("spam@tracewall.local", "x")
            .user("ham@tracewall.local", "x")
            .user("carol@tracewall.local", "pw")
            .build();
    }

    @BeforeAll
    static void teachThroughTheFirstNode() throws Exception {
        DNS.zone().txt("sender.test", "v=spf1 ip4:127.0.97.0/24 -all")
            .a("out.sender.test", "127.0.97.5").ptr("127.0.97.5", "out.sender.test");
        BayesIntegrationTest.teach(teachingNode, "127.0.97.9");
    }

    @AfterAll
    static void stop() {
        REDIS.close();
        DNS.close();
    }

    @Test
    void theOtherNodeShouldScoreWithWhatTheFirstLearned() throws Exception {
        assertThat(deliver("great offer", "cheap pills casino bonus winner claim your prize"))
            .containsPattern("X-Tracewall-Bayes: (0\\.9\\d{3}|1\\.0000) \\(spam\\)");
        assertThat(deliver("the agenda", "project meeting agenda and budget review minutes"))
            .containsPattern("X-Tracewall-Bayes: 0\\.[01]\\d{3} \\(ham\\)");
    }

    @Test
    void aRedisOutageShouldDeliverWithoutAVerdictAndScoringShouldResumeAfter() throws Exception {
        REDIS.stop();
        try {
            assertThat(deliver("during the outage", "cheap pills casino bonus winner"))
                .contains("X-Tracewall-Bayes: unavailable").doesNotContain("BAYES(");
        } finally {
            REDIS.start();
        }
        // The node reconnects at most every 5 s: messages sent before then are delivered without a
        // verdict; once it is back, the model, which Redis kept on disk, scores again.
        int[] attempt = {0};
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            String headers = deliver("after the outage " + ++attempt[0], "cheap pills casino bonus winner");
            assertThat(headers).containsPattern("X-Tracewall-Bayes: (0\\.9\\d{3}|1\\.0000) \\(spam\\)");
        });
    }

    /** Sends from outside through the scoring node and returns the delivered message's headers. */
    private static String deliver(String subject, String body) throws IOException {
        try (SmtpTestClient smtp = SmtpTestClient.connect(scoringNode.smtpPort(), "127.0.97.5")) {
            smtp.ehlo("out.sender.test");
            assertThat(smtp.send("news@sender.test", List.of("carol@tracewall.local"),
                message("news@sender.test", subject, body)).code()).isEqualTo(250);
        }
        try (TestIMAPClient imap = new TestIMAPClient()) {
            imap.connect("127.0.0.1", scoringNode.imapPort()).login("carol@tracewall.local", "pw").select(TestIMAPClient.INBOX);
            String[] found = {""};
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                String all = imap.sendCommand("FETCH 1:* (BODY.PEEK[HEADER])").replaceAll("\\r\\n[ \\t]+", " ");
                for (String message : all.split("\\* \\d+ FETCH")) {
                    if (message.contains("Subject: " + subject + "\r\n")) {
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
