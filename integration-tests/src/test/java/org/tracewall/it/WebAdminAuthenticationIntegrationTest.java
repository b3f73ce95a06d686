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
 * Tracewall's WebAdmin routes sit behind James's own authentication: with JWT enabled in
 * webadmin.properties (as every sample ships it), no token or a token without the admin claim is refused, an admin
 * token signed by the configured key is served, exactly as for James's own routes.
 */
class WebAdminAuthenticationIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS).shippedSecurity().build();

    @AfterAll
    static void stop() {
        DNS.close();
    }

    /** An RS256 JWT signed with the server's key. */
    static String token(String claims) {
        return james.webAdminToken(claims);
    }

    static int get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + james.webAdminPort() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void tracewallRoutesShouldRefuseARequestWithoutToken() throws Exception {
        assertThat(get("/tracewall/greylist", null)).isEqualTo(401);
        assertThat(get("/tracewall/rate/softbounce", null)).isEqualTo(401);
        assertThat(get("/domains", null)).as("James's own route, for comparison").isEqualTo(401);
    }

    @Test
    void tracewallRoutesShouldRefuseATokenWithoutTheAdminClaim() throws Exception {
        assertThat(get("/tracewall/greylist", token("{\"sub\":\"bob@tracewall.local\",\"admin\":false}"))).isEqualTo(401);
    }

    @Test
    void tracewallRoutesShouldRefuseATokenSignedByAnotherKey() throws Exception {
        String genuine = token("{\"sub\":\"admin@tracewall.local\",\"admin\":true}");
        String forged = genuine.substring(0, genuine.lastIndexOf('.') + 1) + "AAAA" + genuine.substring(genuine.lastIndexOf('.') + 5);
        assertThat(get("/tracewall/greylist", forged)).isEqualTo(401);
    }

    @Test
    void tracewallRoutesShouldServeAnAdminToken() throws Exception {
        String admin = token("{\"sub\":\"admin@tracewall.local\",\"admin\":true}");
        assertThat(get("/tracewall/greylist", admin)).isEqualTo(200);
        assertThat(get("/tracewall/rate/softbounce", admin)).isEqualTo(200);
    }
}
