package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.apache.commons.net.imap.IMAPClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.smtp.SmtpTestClient;

/**
 * The domain admin's report from a real James: sent by the schedule on its own, and on request
 * ({@code POST /tracewall/reports/NAME/send}) after real SMTP traffic to the domain, with the
 * domain's mail counted by what Tracewall did; read from the admin's mailbox over IMAP.
 */
class ReportIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS)
        .property("report.local.domain", "tracewall.local")
        .property("report.local.to", "bob@tracewall.local")
        .property("report.checkInterval", "1s")
        .property("score.rule.ZR_REFUSE.in", "Subject").property("score.rule.ZR_REFUSE.pattern", "zr-refuse")
        .property("score.rule.ZR_REFUSE.weight", "30")
        .user("bob@tracewall.local", "pw").user("carol@tracewall.local", "pw").build();

    @BeforeAll
    static void zones() {
        DNS.zone().txt("shop.test", "v=spf1 ip4:127.0.73.0/24 -all").a("mx.shop.test", "127.0.73.5").ptr("127.0.73.5", "mx.shop.test");
    }

    @AfterAll
    static void stop() {
        DNS.close();
    }

    private static String subjects(String user) throws IOException {
        IMAPClient imap = new IMAPClient();
        try {
            imap.connect("127.0.0.1", james.imapPort());
            imap.login(user, "pw");
            imap.select("INBOX");
            imap.fetch("1:*", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])");
            return imap.getReplyString();
        } finally {
            imap.disconnect();
        }
    }

    private static HttpResponse<String> webAdmin(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + james.webAdminPort() + path))
            .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static int send(String subject) throws IOException {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.73.5")) {
            smtp.ehlo("mx.shop.test");
            return smtp.send("promo@shop.test", List.of("carol@tracewall.local"), "From: promo@shop.test\r\nSubject: " + subject
                + "\r\n\r\nhello\r\n").code();
        }
    }

    @Test
    void theAdminShouldGetTheReportByScheduleAndOnRequestWithTheDomainsMailCounted() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
            .until(() -> subjects("bob@tracewall.local").contains("[Tracewall] tracewall.local: 0 mails, 0 rejected, 0 quarantined"));

        assertThat(send("minutes")).isEqualTo(250);
        assertThat(send("zr-refuse offer")).isEqualTo(554);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
            .until(() -> webAdmin("GET", "/tracewall/stats?hours=1").body().contains("\"accept\":1"));

        HttpResponse<String> sent = webAdmin("POST", "/tracewall/reports/local/send");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        assertThat(sent.body()).contains("tracewall.local: 2 mails, 1 rejected, 0 quarantined (the last 24 hours)");
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
            .until(() -> subjects("bob@tracewall.local").contains("tracewall.local: 2 mails, 1 rejected"));
        assertThat(subjects("carol@tracewall.local")).as("the report goes to the admin only").doesNotContain("[Tracewall]");
        assertThat(webAdmin("POST", "/tracewall/reports/nosuch/send").statusCode()).isEqualTo(404);
        assertThat(webAdmin("GET", "/tracewall/reports").body()).contains("\"domain\":\"tracewall.local\"");
    }
}
