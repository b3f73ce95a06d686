package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.redis.RedisServerProcess;
import org.tracewall.testing.smtp.SmtpReply;
import org.tracewall.testing.smtp.SmtpTestClient;

/**
 * The gateway sample with its state in a real redis-server: mail that is not traceable is
 * greylisted at RCPT TO; traced mail is not; when Redis goes down mail passes (fail-open).
 */
class GreylistIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    static final RedisServerProcess REDIS = RedisServerProcess.startOnFreePortOrFail();

    @RegisterExtension
    static TracewallJamesExtension james = redisNode();

    /** A second James node sharing the same Redis: one greylist and one set of counters. */
    @RegisterExtension
    static TracewallJamesExtension otherNode = redisNode();

    /** A gateway node keeping its state in the shared Redis. */
    static TracewallJamesExtension redisNode() {
        return TracewallJamesExtension.builder()
            .sample("gateway")
            .dns(DNS::hostAndPort)
            .property("store.type", "redis")
            .property("store.redis.uri", REDIS.uri())
            .property("store.redis.timeout", "500ms")
            // No waiting in tests: the first attempt is still deferred, an immediate retry passes.
            .property("greylist.delay", "0s")
            .property("rate.senderMessagesPer15m", "2")
            .user("bob@tracewall.local", "bobpw")
            .build();
    }


    @AfterAll
    static void stop() {
        DNS.close();
        REDIS.stop();
    }

    private static SmtpReply rcpt(String clientIp, String from, String to) throws Exception {
        return rcpt(james, clientIp, from, to);
    }

    private static SmtpReply rcpt(TracewallJamesExtension node, String clientIp, String from, String to) throws Exception {
        return Gateway.rcpt(node, clientIp, "out.example", from, to);
    }

    @Test
    void mailOfUnknownTraceabilityShouldBeGreylistedThenAcceptedOnRetry() throws Exception {
        DNS.zone().txt("neutral.test", "v=spf1 ?all");

        SmtpReply first = rcpt("127.0.80.5", "news@neutral.test", "bob@tracewall.local");
        assertThat(first.code()).isEqualTo(451);
        assertThat(first.text()).startsWith("4.7.1 Greylisted (new triplet): please try again in");

        assertThat(rcpt("127.0.80.6", "news@neutral.test", "bob@tracewall.local").code()).isEqualTo(250);
    }

    @Test
    void tracedMailShouldNotBeGreylisted() throws Exception {
        DNS.zone().txt("traced.test", "v=spf1 ip4:127.0.81.0/24 -all");

        assertThat(rcpt("127.0.81.5", "news@traced.test", "bob@tracewall.local").code()).isEqualTo(250);
    }

    @Test
    void aClientWhitelistedThroughWebAdminShouldNotBeGreylisted() throws Exception {
        DNS.zone().txt("listed.test", "v=spf1 ?all");
        HttpClient http = HttpClient.newHttpClient();
        URI whitelist = URI.create("http://127.0.0.1:" + james.webAdminPort()
            + "/tracewall/greylist/whitelist/clients/127.0.83.0/24");

        HttpResponse<String> put = http.send(HttpRequest.newBuilder(whitelist).PUT(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(204);

        assertThat(rcpt("127.0.83.9", "a@listed.test", "bob@tracewall.local").code()).isEqualTo(250);
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + james.webAdminPort()
            + "/tracewall/greylist/whitelist/clients")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(list.body()).isEqualTo("[\"127.0.83.0/24\"]");
    }

    @Test
    void twoNodesSharingRedisShouldSeeOneGreylistAndOneSetOfCounters() throws Exception {
        DNS.zone().txt("shared.test", "v=spf1 ?all");

        assertThat(rcpt(james, "127.0.85.5", "news@shared.test", "bob@tracewall.local").code()).isEqualTo(451);
        assertThat(rcpt(otherNode, "127.0.85.5", "news@shared.test", "bob@tracewall.local").code())
            .as("the retry reaches the other node, which knows the triplet").isEqualTo(250);

        SmtpReply third;
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.85.6")) {
            smtp.ehlo("out.example");
            third = smtp.mailFrom("news@shared.test");
        }
        assertThat(third.code()).as("the sender's third message in 15 minutes, counted over both nodes").isEqualTo(451);
        assertThat(third.text()).contains("Too many messages from <news@shared.test>");
    }

    @Test
    void aRedisOutageShouldLetMailThroughAndGreylistingShouldResumeAfter() throws Exception {
        DNS.zone().txt("outage.test", "v=spf1 ?all");
        HttpClient http = HttpClient.newHttpClient();
        URI status = URI.create("http://127.0.0.1:" + james.webAdminPort() + "/tracewall/greylist");
        REDIS.stop();
        try {
            assertThat(rcpt("127.0.82.5", "a@outage.test", "bob@tracewall.local").code()).isEqualTo(250);
            String body = http.send(HttpRequest.newBuilder(status).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(body).as("the fail-open metric counts the outage").containsPattern("\"failOpenCount\":[1-9]");
        } finally {
            REDIS.start();
        }
        // Commands fail fast (fail open) until Lettuce has reconnected and the breaker lets a call through.
        int[] attempt = {0};
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
            assertThat(rcpt("127.0.82.5", "b" + ++attempt[0] + "@outage.test", "bob@tracewall.local").code()).isEqualTo(451));
    }
}
