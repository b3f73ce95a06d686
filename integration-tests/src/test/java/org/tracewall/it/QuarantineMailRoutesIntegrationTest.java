package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The operator's view of the quarantine over WebAdmin, with mail a real SMTP session put there: the
 * list (filtered by recipient), a preview (header fields and text), a release that arrives in the
 * mailbox over IMAP, a forward to another address, a delete.
 */
class QuarantineMailRoutesIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    static final String QUARANTINE = "file://var/mail/quarantine/";
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS)
        .property("score.rule.HOLD.in", "Subject").property("score.rule.HOLD.pattern", "zq-hold").property("score.rule.HOLD.weight", "12")
        .user("bob@tracewall.local", "pw").user("carol@tracewall.local", "pw").user("dave@tracewall.local", "pw").build();

    @BeforeAll
    static void zones() throws Exception {
        DNS.zone().txt("shop.test", "v=spf1 ip4:127.0.70.0/24 -all").a("mx.shop.test", "127.0.70.5").ptr("127.0.70.5", "mx.shop.test");
        Gateway.sendPromo(james, "127.0.70.5", "bob@tracewall.local", "zq-hold watches", "Two gold watches for the price of one.");
        Gateway.sendPromo(james, "127.0.70.5", "bob@tracewall.local", "zq-hold rings", "Rings, half price.");
        Gateway.sendPromo(james, "127.0.70.5", "carol@tracewall.local", "zq-hold shoes", "Shoes.");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> james.repositoryCount(QUARANTINE) == 3);
    }

    @AfterAll
    static void stop() {
        DNS.close();
    }


    private static HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + james.webAdminPort() + path))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode held(String query) throws Exception {
        HttpResponse<String> list = call("GET", "/tracewall/quarantine/mails" + query, null);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        return JSON.readTree(list.body());
    }

    private static String keyOf(String subject) throws Exception {
        for (JsonNode mail : held("")) {
            if (mail.get("subject").asText().equals(subject)) {
                return URLEncoder.encode(mail.get("key").asText(), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("not held: " + subject);
    }

    @Test
    void theListShouldFilterByRecipientAndSayWhy() throws Exception {
        // Carol's mail only (the other tests release and delete Bob's).
        JsonNode carols = held("?recipient=CAROL@tracewall.local");

        assertThat(carols).hasSize(1);
        assertThat(carols.get(0).get("subject").asText()).isEqualTo("zq-hold shoes");
        assertThat(carols.get(0).get("reason").asText()).isEqualTo("score");
        assertThat(carols.get(0).get("detail").asText()).contains("HOLD");
        assertThat(carols.get(0).get("sender").asText()).isEqualTo("promo@shop.test");
        assertThat(held("?reason=virus")).isEmpty();
        assertThat(held("?recipient=carol@tracewall.local&since=2000-01-01T00:00:00Z")).hasSize(1);
        assertThat(held("?recipient=carol@tracewall.local&since=" + Instant.now().plusSeconds(3600))).as("held before that").isEmpty();
        assertThat(call("GET", "/tracewall/quarantine/mails?since=yesterday", null).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/tracewall/quarantine/mails?limit=0", null).statusCode()).isEqualTo(400);
    }

    @Test
    void aPreviewShouldShowTheHeaderAndTheText() throws Exception {
        JsonNode preview = JSON.readTree(call("GET", "/tracewall/quarantine/mails/" + keyOf("zq-hold shoes"), null).body());

        assertThat(preview.get("text").asText()).contains("Shoes.");
        assertThat(preview.get("headers").findValuesAsText("value")).contains("zq-hold shoes");
        assertThat(call("GET", "/tracewall/quarantine/mails/no-such-key", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aReleaseShouldDeliverAndAForwardShouldCopyAndADeleteShouldRemove() throws Exception {
        String watches = keyOf("zq-hold watches");
        HttpResponse<String> release = call("POST", "/tracewall/quarantine/mails/" + watches + "/release", "");
        assertThat(release.statusCode()).as(release.body()).isEqualTo(200);
        assertThat(JSON.readTree(release.body()).get("released").get(0).asText()).isEqualTo("bob@tracewall.local");
        assertThat(Gateway.deliveredHeaders(james, "bob@tracewall.local", "pw")).contains("Subject: zq-hold watches");
        assertThat(call("POST", "/tracewall/quarantine/mails/" + watches + "/release", "").statusCode()).as("released already").isEqualTo(404);

        String rings = keyOf("zq-hold rings");
        assertThat(call("POST", "/tracewall/quarantine/mails/" + rings + "/forward", "{\"to\": [\"dave@tracewall.local\"]}").statusCode())
            .isEqualTo(204);
        assertThat(Gateway.deliveredHeaders(james, "dave@tracewall.local", "pw")).as("a copy from the postmaster, the mail attached")
            .contains("Subject: Quarantined mail: zq-hold rings").contains("Content-Type: multipart/mixed");
        assertThat(call("POST", "/tracewall/quarantine/mails/" + rings + "/forward", "{\"to\": [\"someone@elsewhere.example\"]}")
            .statusCode()).as("never relayed out").isEqualTo(400);
        assertThat(call("POST", "/tracewall/quarantine/mails/" + rings + "/forward", "{\"to\": \"dave\"}").statusCode()).isEqualTo(400);
        assertThat(call("DELETE", "/tracewall/quarantine/mails/" + rings, null).statusCode()).isEqualTo(204);
        assertThat(held("?recipient=bob@tracewall.local")).isEmpty();
    }
}
