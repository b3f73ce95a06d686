package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

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
 * A content rule added through one node's WebAdmin ({@code PUT /tracewall/score/rules/NAME}) is
 * in effect on both of two James nodes that share a real redis-server, without a restart: the
 * campaign it names is refused at DATA by each; once deleted, each accepts it again.
 */
class RuntimeScoreIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    static final RedisServerProcess REDIS = RedisServerProcess.startOnFreePortOrFail();
    static final String CAMPAIGN = "limited offer zq-runtime-campaign";

    @RegisterExtension
    static TracewallJamesExtension adminNode = node();

    @RegisterExtension
    static TracewallJamesExtension otherNode = node();


    static TracewallJamesExtension node() {
        return Gateway.builder(DNS).property("store.type", "redis").property("store.redis.uri", REDIS.uri())
            .user("bob@tracewall.local", "pw").build();
    }

    @BeforeAll
    static void zones() {
        DNS.zone().txt("shop.test", "v=spf1 ip4:127.0.72.0/24 -all").a("mx.shop.test", "127.0.72.5").ptr("127.0.72.5", "mx.shop.test");
    }

    @AfterAll
    static void stop() {
        REDIS.close();
        DNS.close();
    }

    private static SmtpReply send(TracewallJamesExtension node, String subject) throws IOException {
        try (SmtpTestClient smtp = SmtpTestClient.connect(node.smtpPort(), "127.0.72.5")) {
            smtp.ehlo("mx.shop.test");
            return smtp.send("promo@shop.test", List.of("bob@tracewall.local"), "From: promo@shop.test\r\nSubject: " + subject
                + "\r\n\r\nhello\r\n");
        }
    }

    private static HttpResponse<String> webAdmin(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminNode.webAdminPort() + path))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Sends until a node answers {@code code} (each node reads the settings again within two seconds). */
    private static void awaitReply(TracewallJamesExtension node, int code) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
            .untilAsserted(() -> assertThat(send(node, CAMPAIGN).code()).isEqualTo(code));
    }

    @Test
    void aRuleAddedThroughOneNodeShouldApplyOnBothAndGoWhenDeleted() throws Exception {
        assertThat(send(adminNode, CAMPAIGN).code()).as("before the rule").isEqualTo(250);
        assertThat(send(otherNode, CAMPAIGN).code()).as("before the rule").isEqualTo(250);

        HttpResponse<String> put = webAdmin("PUT", "/tracewall/score/rules/RUNTIME_CAMPAIGN",
            "{\"in\": \"Subject\", \"pattern\": \"zq-runtime-campaign\", \"weight\": 30}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(204);

        SmtpReply refused = send(adminNode, CAMPAIGN);
        assertThat(refused.code()).as("on the node that was told, at once").isEqualTo(554);
        assertThat(refused.text()).contains("RUNTIME_CAMPAIGN");
        awaitReply(otherNode, 554);
        assertThat(send(otherNode, "an ordinary subject").code()).isEqualTo(250);
        assertThat(webAdmin("GET", "/tracewall/score", null).body()).contains("\"score.rule.RUNTIME_CAMPAIGN.weight\":\"30\"");

        assertThat(webAdmin("DELETE", "/tracewall/score/rules/RUNTIME_CAMPAIGN", null).statusCode()).isEqualTo(204);
        assertThat(send(adminNode, CAMPAIGN).code()).isEqualTo(250);
        awaitReply(otherNode, 250);
    }
}
