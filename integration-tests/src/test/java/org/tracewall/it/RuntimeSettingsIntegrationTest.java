package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

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
 * Settings changed through one node's WebAdmin are in effect on both of two James nodes that
 * share a real redis-server, without a restart: a content rule ({@code PUT /tracewall/score/rules/NAME})
 * refuses its campaign at DATA, a DNS list ({@code PUT /tracewall/dnsbl/lists/NAME}) refuses a client
 * it lists at RCPT, a trap address ({@code PUT /tracewall/honeypot/traps/ADDRESS}) swallows the
 * mail sent to it, a rate limit ({@code PUT /tracewall/rate/settings}) refuses the recipient over
 * it, an access db entry ({@code PUT /tracewall/access/ENTRY}) refuses a client, and traceability
 * entries ({@code PUT /tracewall/traceability/...}) trace or refuse a sender domain; once deleted,
 * each node behaves as before.
 */
class RuntimeSettingsIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    static final RedisServerProcess REDIS = RedisServerProcess.startOnFreePortOrFail();
    static final String CAMPAIGN = "limited offer zq-runtime-campaign";

    @RegisterExtension
    static TracewallJamesExtension adminNode = node();

    @RegisterExtension
    static TracewallJamesExtension otherNode = node();


    static TracewallJamesExtension node() {
        return Gateway.builder(DNS).property("store.type", "redis").property("store.redis.uri", REDIS.uri())
            .user("bob@tracewall.local", "pw").user("carol@tracewall.local", "pw").build();
    }

    @BeforeAll
    static void zones() {
        DNS.zone().txt("shop.test", "v=spf1 ip4:127.0.72.0/24 -all").a("mx.shop.test", "127.0.72.5").ptr("127.0.72.5", "mx.shop.test")
            .a("mx2.shop.test", "127.0.72.6").ptr("127.0.72.6", "mx2.shop.test").a("6.72.0.127.rt.bl.test", "127.0.0.2")
            .txt("outsourced.test", "v=spf1 ip4:192.0.2.1 -all");
    }

    @AfterAll
    static void stop() {
        REDIS.close();
        DNS.close();
    }

    private static SmtpReply send(TracewallJamesExtension node, String subject) throws IOException {
        return send(node, "127.0.72.5", "mx.shop.test", "bob@tracewall.local", subject);
    }

    private static SmtpReply send(TracewallJamesExtension node, String client, String helo, String to, String subject) throws IOException {
        try (SmtpTestClient smtp = SmtpTestClient.connect(node.smtpPort(), client)) {
            smtp.ehlo(helo);
            return smtp.send("promo@shop.test", List.of(to), "From: promo@shop.test\r\nSubject: " + subject + "\r\n\r\nhello\r\n");
        }
    }

    private static HttpResponse<String> webAdmin(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminNode.webAdminPort() + path))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Sends until a node answers {@code code} (each node reads the settings again within two seconds). */
    private static void awaitReply(TracewallJamesExtension node, int code) {
        awaitReply(code, () -> send(node, CAMPAIGN));
    }

    private static void awaitReply(int code, Callable<SmtpReply> sending) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
            .untilAsserted(() -> assertThat(sending.call().code()).isEqualTo(code));
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

    @Test
    void aDnsListAddedThroughOneNodeShouldRefuseOnBothAndGoWhenDeleted() throws Exception {
        Callable<SmtpReply> fromAdminNode = () -> send(adminNode, "127.0.72.6", "mx2.shop.test", "bob@tracewall.local", "news");
        Callable<SmtpReply> fromOtherNode = () -> send(otherNode, "127.0.72.6", "mx2.shop.test", "bob@tracewall.local", "news");
        assertThat(fromAdminNode.call().code()).as("before the list").isEqualTo(250);

        HttpResponse<String> bad = webAdmin("PUT", "/tracewall/dnsbl/lists/runtime", "{\"zone\": \"rt.bl.test\", \"weight\": \"heavy\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("dnsbl.list.runtime.weight");
        HttpResponse<String> put = webAdmin("PUT", "/tracewall/dnsbl/lists/runtime", "{\"zone\": \"rt.bl.test\", \"weight\": 5}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(204);

        SmtpReply refused = fromAdminNode.call();
        assertThat(refused.code()).as("on the node that was told, at once").isEqualTo(554);
        assertThat(refused.text()).contains("listed in rt.bl.test");
        awaitReply(554, fromOtherNode);
        assertThat(webAdmin("GET", "/tracewall/dnsbl", null).body()).contains("\"zone\":\"rt.bl.test\"");

        assertThat(webAdmin("DELETE", "/tracewall/dnsbl/lists/runtime", null).statusCode()).isEqualTo(204);
        assertThat(fromAdminNode.call().code()).isEqualTo(250);
        awaitReply(250, fromOtherNode);
    }

    @Test
    void aTrapAddedThroughOneNodeShouldTrapOnBothAndGoWhenRemoved() throws Exception {
        String trap = "zq-trap@tracewall.local";
        Callable<SmtpReply> toAdminNode = () -> send(adminNode, "127.0.72.5", "mx.shop.test", trap, "hello");
        Callable<SmtpReply> toOtherNode = () -> send(otherNode, "127.0.72.5", "mx.shop.test", trap, "hello");
        assertThat(toAdminNode.call().code()).as("no such user before the trap").isEqualTo(550);

        assertThat(webAdmin("PUT", "/tracewall/honeypot/traps/" + trap, null).statusCode()).isEqualTo(204);

        assertThat(toAdminNode.call().code()).as("the trap swallows it").isEqualTo(250);
        awaitReply(250, toOtherNode);
        assertThat(webAdmin("GET", "/tracewall/honeypot", null).body()).contains(trap);

        assertThat(webAdmin("DELETE", "/tracewall/honeypot/traps/" + trap, null).statusCode()).isEqualTo(204);
        assertThat(webAdmin("DELETE", "/tracewall/honeypot/traps/" + trap, null).statusCode()).as("no longer a trap").isEqualTo(404);
        assertThat(toAdminNode.call().code()).isEqualTo(550);
        awaitReply(550, toOtherNode);
    }

    @Test
    void aRateLimitSetThroughOneNodeShouldApplyOnBothAndGoWhenDeleted() throws Exception {
        Callable<SmtpReply> toTwoOnOtherNode = () -> {
            try (SmtpTestClient smtp = SmtpTestClient.connect(otherNode.smtpPort(), "127.0.72.5")) {
                smtp.ehlo("mx.shop.test");
                return smtp.send("promo@shop.test", List.of("bob@tracewall.local", "carol@tracewall.local"),
                    "From: promo@shop.test\r\nSubject: minutes\r\n\r\nhello\r\n");
            }
        };
        assertThat(toTwoOnOtherNode.call().code()).as("two recipients before the limit").isEqualTo(250);

        HttpResponse<String> put = webAdmin("PUT", "/tracewall/rate/settings", "{\"rate.recipientsPerMessage\": 1}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(204);

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
            .untilAsserted(() -> assertThat(toTwoOnOtherNode.call().code()).as("the second recipient is over the limit").isBetween(400, 499));

        assertThat(webAdmin("DELETE", "/tracewall/rate/settings/rate.recipientsPerMessage", null).statusCode()).isEqualTo(204);
        awaitReply(250, toTwoOnOtherNode);
    }

    @Test
    void traceabilityEntriesMadeThroughOneNodeShouldApplyOnBothAndGoWhenDeleted() throws Exception {
        Callable<SmtpReply> outsourcedToOther = () -> {
            try (SmtpTestClient smtp = SmtpTestClient.connect(otherNode.smtpPort(), "127.0.72.5")) {
                smtp.ehlo("mx.shop.test");
                return smtp.send("news@outsourced.test", List.of("bob@tracewall.local"), "From: news@outsourced.test\r\nSubject: news\r\n\r\nhi\r\n");
            }
        };
        Callable<SmtpReply> shopToOther = () -> send(otherNode, "127.0.72.5", "mx.shop.test", "bob@tracewall.local", "news");
        assertThat(outsourcedToOther.call().code()).as("SPF fails for the client: untraceable").isEqualTo(550);

        HttpResponse<String> bad = webAdmin("PUT", "/tracewall/traceability/compensation/outsourced.test", "{\"networks\": [\"127.0.72.0/33\"]}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("compensation.outsourced.test");
        assertThat(webAdmin("PUT", "/tracewall/traceability/compensation/outsourced.test", "{\"networks\": [\"127.0.72.0/24\"]}")
            .statusCode()).isEqualTo(204);
        awaitReply(250, outsourcedToOther);

        assertThat(webAdmin("PUT", "/tracewall/traceability/registry/shop.test", "{\"answer\": \"untrusted\"}").statusCode()).isEqualTo(204);
        awaitReply(550, shopToOther);
        assertThat(webAdmin("GET", "/tracewall/traceability", null).body()).contains("\"shop.test\":\"untrusted\"")
            .contains("\"outsourced.test\":[\"127.0.72.0/24\"]");

        assertThat(webAdmin("DELETE", "/tracewall/traceability/registry/shop.test", null).statusCode()).isEqualTo(204);
        assertThat(webAdmin("DELETE", "/tracewall/traceability/compensation/outsourced.test", null).statusCode()).isEqualTo(204);
        awaitReply(250, shopToOther);
        awaitReply(550, outsourcedToOther);
    }

    @Test
    void anAccessEntryAddedThroughOneNodeShouldRefuseOnBothAndGoWhenDeleted() throws Exception {
        // The reply to EHLO: a client the access db rejects is refused there, and the connection closed.
        Callable<SmtpReply> ehloOnOtherNode = () -> {
            try (SmtpTestClient smtp = SmtpTestClient.connect(otherNode.smtpPort(), "127.0.72.6")) {
                return smtp.ehlo("mx2.shop.test");
            }
        };
        assertThat(ehloOnOtherNode.call().code()).isEqualTo(250);

        assertThat(webAdmin("PUT", "/tracewall/access/Connect:127.0.72.6", "{\"action\": \"BOGUS\"}").statusCode()).isEqualTo(400);
        try {
            assertThat(webAdmin("PUT", "/tracewall/access/Connect:127.0.72.6", "{\"action\": \"REJECT\"}").statusCode()).isEqualTo(204);
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(ehloOnOtherNode.call().code()).isBetween(500, 599));
            assertThat(webAdmin("GET", "/tracewall/access", null).body()).contains("access.connect:127.0.72.6");
        } finally {
            assertThat(webAdmin("DELETE", "/tracewall/access/CONNECT:127.0.72.6", null).statusCode()).as("any spelling").isEqualTo(204);
        }
        assertThat(webAdmin("DELETE", "/tracewall/access/Connect:127.0.72.6", null).statusCode()).isEqualTo(404);
        awaitReply(250, ehloOnOtherNode);
    }
}
