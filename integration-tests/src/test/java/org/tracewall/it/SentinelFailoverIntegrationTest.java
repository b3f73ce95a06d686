package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
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
import org.tracewall.testing.smtp.SmtpReply;
import org.tracewall.testing.smtp.SmtpTestClient;

/**
 * Two James nodes sharing their state through Redis behind a real Sentinel (master, replica,
 * {@code redis-server --sentinel}, on loopback). The master is killed while both nodes take mail:
 * every message is still accepted (the checks fail open while no master answers) and delivered,
 * none lost; once Sentinel has promoted the replica, what an operator writes through one node
 * (a client put on the soft-bounce list) is what the other node enforces.
 */
class SentinelFailoverIntegrationTest {
    private static final Duration FAILOVER_BOUND = Duration.ofSeconds(90);
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    static final RedisServerProcess MASTER = start(() -> RedisServerProcess.startOnFreePort());
    static final RedisServerProcess REPLICA = start(() -> RedisServerProcess.startReplicaOf(MASTER.port()));
    static final RedisServerProcess SENTINEL = start(() -> RedisServerProcess.startSentinel("tracewall", MASTER.port()));

    @RegisterExtension
    static TracewallJamesExtension nodeA = node();

    @RegisterExtension
    static TracewallJamesExtension nodeB = node();

    interface Starter {
        RedisServerProcess start() throws IOException;
    }

    static RedisServerProcess start(Starter starter) {
        try {
            return starter.start();
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server is needed (apt-get install redis-server)", e);
        }
    }

    static TracewallJamesExtension node() {
        return Gateway.builder(DNS)
            .property("store.type", "redis")
            .property("store.redis.uri", "redis-sentinel://127.0.0.1:" + SENTINEL.port() + "/0#tracewall")
            .property("store.redis.timeout", "500ms")
            .user("bob@tracewall.local", "bobpw")
            .build();
    }

    @BeforeAll
    static void zones() {
        DNS.zone().txt("sender.test", "v=spf1 ip4:127.0.93.0/24 ip4:127.0.94.0/24 -all");
    }

    @AfterAll
    static void stop() {
        for (RedisServerProcess process : List.of(SENTINEL, REPLICA, MASTER)) {
            process.stop();
        }
        DNS.close();
    }

    @Test
    void mailShouldFlowThroughTheFailoverAndBothNodesShareStateAfterIt() throws Exception {
        int[] accepted = new int[2];
        for (int i = 0; i < 4; i++) {
            accepted[i % 2] += send(i % 2, "127.0.93." + (10 + i), "before " + i);
        }
        assertThat(accepted).containsExactly(2, 2);

        MASTER.stop();
        Instant deadline = Instant.now().plus(FAILOVER_BOUND);
        int duringFailover = 0;
        while (!REPLICA.isMaster() && Instant.now().isBefore(deadline)) {
            accepted[duringFailover % 2] += send(duringFailover % 2, "127.0.93." + (20 + duringFailover % 200), "during " + duringFailover);
            duringFailover++;
        }
        assertThat(REPLICA.isMaster()).as("Sentinel promoted the replica within " + FAILOVER_BOUND).isTrue();
        assertThat(accepted[0] + accepted[1]).as("every message accepted, also while no master answered").isEqualTo(4 + duringFailover);

        softBounceThroughNodeA("127.0.94.7");
        assertThat(nodeBRefuses("127.0.94.7")).as("node B enforces what was written through node A after the failover").isTrue();
        assertThat(send(1, "127.0.94.8", "another client")).isEqualTo(1);
        accepted[1]++;

        assertDelivered(nodeA, accepted[0]);
        assertDelivered(nodeB, accepted[1]);
        System.out.printf("Sentinel failover: %d message(s) accepted while no master answered, all delivered%n", duringFailover);
    }

    /** 1 when the message was accepted. */
    private static int send(int node, String clientIp, String subject) throws IOException {
        try (SmtpTestClient smtp = SmtpTestClient.connect((node == 0 ? nodeA : nodeB).smtpPort(), clientIp)) {
            smtp.ehlo("out.sender.test");
            SmtpReply reply = smtp.send("news@sender.test", List.of("bob@tracewall.local"),
                "From: news@sender.test\r\nSubject: " + subject + "\r\n\r\nHi\r\n");
            assertThat(reply.code()).as("%s from %s: %s", subject, clientIp, reply).isEqualTo(250);
            return 1;
        }
    }

    /** The operator's write, retried while node A's connection has not found the new master (503). */
    private static void softBounceThroughNodeA(String client) throws Exception {
        HttpRequest put = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nodeA.webAdminPort()
            + "/tracewall/rate/softbounce/" + client)).PUT(HttpRequest.BodyPublishers.ofString("{\"duration\": \"1h\"}")).build();
        Instant deadline = Instant.now().plus(FAILOVER_BOUND);
        int status = 0;
        while (status != 204 && Instant.now().isBefore(deadline)) {
            status = HttpClient.newHttpClient().send(put, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 204) {
                Thread.sleep(200);
            }
        }
        assertThat(status).as("the soft-bounce write through node A").isEqualTo(204);
    }

    /** Whether node B answers that client with 421 (the soft-bounce list), retried while B reconnects (it fails open meanwhile). */
    private static boolean nodeBRefuses(String client) throws Exception {
        Instant deadline = Instant.now().plus(FAILOVER_BOUND);
        while (Instant.now().isBefore(deadline)) {
            try (SmtpTestClient smtp = SmtpTestClient.connect(nodeB.smtpPort(), client)) {
                SmtpReply ehlo = smtp.ehlo("out.sender.test");
                if (ehlo.code() == 421) {
                    return ehlo.text().contains("soft-bounce");
                }
            }
            // Under the sample's 10 connections per minute, so that only the soft-bounce list can answer 421.
            Thread.sleep(1000);
        }
        return false;
    }

    private static void assertDelivered(TracewallJamesExtension node, int expected) throws IOException {
        try (TestIMAPClient imap = new TestIMAPClient()) {
            imap.connect("127.0.0.1", node.imapPort()).login("bob@tracewall.local", "bobpw").select(TestIMAPClient.INBOX)
                .awaitMessageCount(Awaitility.await().atMost(Duration.ofSeconds(60)), expected);
            assertThat(imap.getMessageCount(TestIMAPClient.INBOX)).isEqualTo(expected);
        }
    }
}
