package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;

/**
 * Blacklist monitoring and server audit through the shipped WebAdmin configuration: the route
 * reports, in words, that an outgoing address is listed, lacks a PTR and is soft-failed by its
 * domain's SPF; a well-configured one comes back clean; bad input gets a 400.
 */
class ServerAuditIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS)
        .property("dnsbl.list.zen.zone", "zen.test")
        .property("dnsbl.list.zen.codes", "127.0.0.2-127.0.0.11")
        .build();

    @AfterAll
    static void stop() {
        DNS.close();
    }

    private static HttpResponse<String> audit(String query) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + james.webAdminPort()
            + "/tracewall/audit?" + query)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aListedAddressShouldBeReportedWithEveryProblem() throws Exception {
        DNS.zone().txt("weak.test", "v=spf1 ~all").a("21.2.0.192.zen.test", "127.0.0.2").a("mx.weak.test", "192.0.2.99");

        HttpResponse<String> response = audit("ip=192.0.2.21&domain=weak.test&helo=mx.weak.test");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"ok\":false", "192.0.2.21 is listed on zen (127.0.0.2)",
            "192.0.2.21 has no PTR record", "SPF of weak.test gives softfail for 192.0.2.21");
    }

    @Test
    void aWellConfiguredAddressShouldBeClean() throws Exception {
        DNS.zone().txt("good.test", "v=spf1 ip4:192.0.2.22 -all").ptr("192.0.2.22", "mx.good.test").a("mx.good.test", "192.0.2.22");

        HttpResponse<String> response = audit("ip=192.0.2.22&domain=good.test&helo=mx.good.test");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"ok\":true", "\"problems\":[]", "\"confirmedPtr\":\"mx.good.test\"");
    }

    @Test
    void badInputShouldBeA400() throws Exception {
        assertThat(audit("domain=good.test").statusCode()).isEqualTo(400);
        assertThat(audit("ip=not-an-ip&domain=good.test").body()).contains("Invalid 'ip'");
    }
}
