package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.smtp.SmtpTestClient;

import com.sun.net.httpserver.HttpServer;

/**
 * Alerts from a real James: spam refused at the end of DATA over real SMTP pushes the rejected
 * share of an interval over {@code alert.rejectedShare}; the alert reaches a webhook (a real
 * HTTP server on loopback) and the operator's mailbox (read over IMAP), and this server's own
 * address, listed by a DNS list of the loopback DNS server, is an alert of its own.
 */
class AlertIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    static final List<String> WEBHOOK = new CopyOnWriteArrayList<>();
    static final HttpServer HOOKS = hooks();

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS)
        .property("alert.webhook", "http://127.0.0.1:" + HOOKS.getAddress().getPort() + "/hooks/ops")
        .property("alert.mailTo", "bob@tracewall.local")
        .property("alert.interval", "1s")
        .property("alert.minDecisions", "1")
        .property("alert.rejectedShare", "0.5")
        .property("alert.ownAddresses", "127.0.72.25")
        .property("dnsbl.list.bl.zone", "bl.test")
        .property("score.rule.ZA_REFUSE.in", "Subject").property("score.rule.ZA_REFUSE.pattern", "za-refuse")
        .property("score.rule.ZA_REFUSE.weight", "30")
        .user("bob@tracewall.local", "pw").build();

    private static HttpServer hooks() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/hooks/ops", exchange -> {
                WEBHOOK.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void zones() {
        DNS.zone().txt("shop.test", "v=spf1 ip4:127.0.72.0/24 -all").a("mx.shop.test", "127.0.72.5").ptr("127.0.72.5", "mx.shop.test")
            .a("25.72.0.127.bl.test", "127.0.0.2");
    }

    @AfterAll
    static void stop() {
        HOOKS.stop(0);
        DNS.close();
    }

    @Test
    void aRejectedShareOverTheThresholdShouldReachTheWebhookAndTheOperatorsMailbox() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> WEBHOOK.stream().anyMatch(body -> body.contains("own-address-listed")));
        assertThat(WEBHOOK).filteredOn(body -> body.contains("own-address-listed")).first().asString()
            .contains("\"subject\":\"127.0.72.25\"").contains("listed by bl");
        assertThat(WEBHOOK).noneMatch(body -> body.contains("rejected-share"));

        for (int i = 0; i < 4; i++) {
            try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.72.5")) {
                smtp.ehlo("mx.shop.test");
                assertThat(smtp.send("promo@shop.test", List.of("bob@tracewall.local"),
                    "From: promo@shop.test\r\nSubject: za-refuse " + i + "\r\n\r\nCheap pills.\r\n").code()).isEqualTo(554);
            }
        }

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> WEBHOOK.stream().anyMatch(body -> body.contains("rejected-share")));
        assertThat(WEBHOOK).filteredOn(body -> body.contains("rejected-share")).hasSize(1).first().asString()
            .containsPattern("([1-4]) of the last \\1 decisions \\(100%\\) rejected the message").contains("\"threshold\":0.5");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Gateway.inboxCount(james, "bob@tracewall.local", "pw") >= 2);
        String headers = Gateway.deliveredHeaders(james, "bob@tracewall.local", "pw");
        assertThat(headers).contains("Subject: [Tracewall alert] ");
    }
}
