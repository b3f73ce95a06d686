package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.smtp.SmtpTestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the checks decided, the James way: after real SMTP, WebAdmin's Prometheus route counts
 * decisions by action and by symbol (every check's verdicts), refusals by hook and reply code,
 * DNS questions and cache hits, and a DNS list's error answer (the list refusing this resolver),
 * which used to be dropped in silence; and the hourly statistics of the state store
 * ({@code GET /tracewall/stats}): actions, symbols, sender domains, clients.
 */
class MetricsIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS)
        .property("dnsbl.list.bl.zone", "bl.test")
        .user("bob@tracewall.local", "pw").build();

    @BeforeAll
    static void zones() {
        DNS.zone().txt("sender.test", "v=spf1 ip4:127.0.71.0/24 -all").txt("forged.test", "v=spf1 ip4:192.0.2.1 -all")
            .a("out.sender.test", "127.0.71.5").ptr("127.0.71.5", "out.sender.test")
            .a("5.71.0.127.bl.test", "127.255.255.254");
    }

    @AfterAll
    static void stop() {
        DNS.close();
    }

    private static String metrics() throws Exception {
        return get("/metrics");
    }

    private static String get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + james.webAdminPort() + path)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** The value of a gauge line ({@code name 3.0}; a counter's name ends in _total), or -1 when the route does not list it. */
    private static double value(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " ([0-9.E+-]+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    @Test
    void decisionsRefusalsAndDnsShouldBeCounted() throws Exception {
        for (int i = 0; i < 2; i++) {
            try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.71.5")) {
                smtp.ehlo("out.sender.test");
                assertThat(smtp.send("news@sender.test", List.of("bob@tracewall.local"),
                    "From: news@sender.test\r\nSubject: minutes " + i + "\r\n\r\nThe minutes.\r\n").code()).isEqualTo(250);
            }
        }
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.71.5")) {
            smtp.ehlo("out.sender.test");
            assertThat(smtp.mailFrom("ceo@forged.test").code()).isEqualTo(550);
        }

        // The container decides after the SMTP reply: wait for both decisions.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> value(metrics(), "tracewall_score_accept_total") == 2);
        String metrics = metrics();
        assertThat(value(metrics, "tracewall_symbol_TRACE_TRACEABLE_total")).isEqualTo(2);
        assertThat(value(metrics, "tracewall_symbol_TRACE_UNTRACEABLE_total")).as("refused at MAIL: no decision").isEqualTo(-1);
        assertThat(value(metrics, "tracewall_refusal_TraceabilityHook_550_total")).isEqualTo(1);
        assertThat(value(metrics, "tracewall_dns_lookups")).isGreaterThan(value(metrics, "tracewall_dns_cacheHits"));
        assertThat(value(metrics, "tracewall_dns_cacheHits")).as("the second session's answers").isPositive();
        assertThat(value(metrics, "tracewall_dnsbl_errorAnswers_bl_test")).as("met by the check of each accepted session").isEqualTo(2);
        assertThat(value(metrics, "tracewall_greylist_failOpen")).isZero();

        JsonNode stats = new ObjectMapper().readTree(get("/tracewall/stats?hours=2"));
        assertThat(stats.get("actions").get("accept").asLong()).isEqualTo(2);
        assertThat(stats.get("topSymbols").get("TRACE_TRACEABLE").asLong()).isEqualTo(2);
        assertThat(stats.get("topSenderDomains").get("sender.test").asLong()).isEqualTo(2);
        assertThat(stats.get("topClients").get("127.0.71.5").asLong()).isEqualTo(2);
        assertThat(stats.get("actionsByHour")).hasSize(2);
    }

    @Test
    void theOpenApiDescriptionShouldBeServedBesideTheRoutes() throws Exception {
        String description = get("/tracewall/openapi.json");
        assertThat(description).contains("\"openapi\": \"3.0.3\"").contains("/tracewall/dnsbl/lists/{name}");
    }
}
