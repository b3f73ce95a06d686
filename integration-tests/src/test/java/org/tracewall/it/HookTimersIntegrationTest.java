package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.smtp.SmtpTestClient;

/**
 * The per-hook timers of the gateway sample (HookTimers) the James way: after real SMTP
 * transactions, WebAdmin's Prometheus route ({@code GET /metrics}, James's own) counts one run of
 * each hook per transaction and phase, Tracewall's and James's alike, beside James's per-command timers.
 */
class HookTimersIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS).shippedSecurity().user("bob@tracewall.local", "pw").build();

    @BeforeAll
    static void zones() {
        DNS.zone().txt("sender.test", "v=spf1 ip4:127.0.97.0/24 -all").a("out.sender.test", "127.0.97.5").ptr("127.0.97.5", "out.sender.test");
    }

    @AfterAll
    static void stop() {
        DNS.close();
    }

    private static String metrics() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + james.webAdminPort() + "/metrics"))
            .header("Authorization", "Bearer " + james.webAdminToken("{\"sub\":\"admin@tracewall.local\",\"admin\":true}")).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static long count(String metrics, String timer) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(timer) + "_count (\\d+)").matcher(metrics);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    @Test
    void eachHookShouldBeTimedOncePerTransactionAndPhase() throws Exception {
        for (int i = 0; i < 3; i++) {
            try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.97.5")) {
                smtp.ehlo("out.sender.test");
                assertThat(smtp.send("news@sender.test", List.of("bob@tracewall.local"),
                    "From: news@sender.test\r\nSubject: minutes " + i + "\r\n\r\nThe minutes of meeting " + i + ".\r\n").code()).isEqualTo(250);
            }
        }

        String metrics = metrics();
        assertThat(count(metrics, "tracewall_hook_TraceabilityHook")).as("a MAIL hook and a message hook: twice a transaction").isEqualTo(6);
        assertThat(count(metrics, "tracewall_hook_GreylistHook")).as("a RCPT hook").isEqualTo(3);
        assertThat(count(metrics, "tracewall_hook_ScoreHook")).as("a message hook").isEqualTo(3);
        assertThat(count(metrics, "tracewall_hook_SendMailHandler")).as("James's own message hook").isEqualTo(3);
        assertThat(count(metrics, "SMTP_mail")).as("James's per-command timer beside them").isGreaterThanOrEqualTo(3);
    }
}
