package org.tracewall.james.webadmin;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.apache.james.webadmin.WebAdminServer;
import org.apache.james.webadmin.WebAdminUtils;
import org.eclipse.jetty.http.HttpStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tracewall.core.config.LiveSettings;
import org.tracewall.core.rate.RateConfig;
import org.tracewall.core.rate.RateLimiter;
import org.tracewall.core.store.InMemoryStateStore;

import io.restassured.RestAssured;

class RateRoutesTest {
    private WebAdminServer server;
    private RateLimiter limiter;
    private LiveSettings<RateConfig> settings;

    @BeforeEach
    void setUp() {
        InMemoryStateStore store = new InMemoryStateStore();
        settings = new LiveSettings<>("rate.", Map.of("rate.dsl.strikes", "5"), RateConfig::fromProperties, () -> store,
            System::currentTimeMillis);
        limiter = new RateLimiter(store, settings.current());
        server = WebAdminUtils.createWebAdminServer(new RateRoutes(() -> limiter, settings)).start();
        RestAssured.requestSpecification = WebAdminUtils.buildRequestSpecification(server).build();
    }

    @AfterEach
    void tearDown() {
        server.destroy();
    }

    @Test
    void putShouldPutAClientOnTheSoftBounceListThatTheLimiterHonours() throws Exception {
        given().body("{\"duration\": \"2h\"}").put(RateRoutes.SOFT_BOUNCE + "/192.0.2.7")
            .then().statusCode(HttpStatus.NO_CONTENT_204);

        when().get(RateRoutes.SOFT_BOUNCE).then().statusCode(HttpStatus.OK_200)
            .body("", hasSize(1)).body("[0].client", equalTo("192.0.2.7"));
        assertThat(limiter.onMail(InetAddress.getByName("192.0.2.7"), "a@example.com", Optional.empty()).limit()).isEqualTo("dsl");
    }

    @Test
    void deleteShouldTakeTheClientOff() throws Exception {
        limiter.softBounce(InetAddress.getByName("192.0.2.8"), Duration.ofHours(1));

        when().delete(RateRoutes.SOFT_BOUNCE + "/192.0.2.8").then().statusCode(HttpStatus.NO_CONTENT_204);

        when().get(RateRoutes.SOFT_BOUNCE).then().body("", hasSize(0));
    }

    @Test
    void countersShouldShowAClientsWindows() throws Exception {
        limiter.onMail(InetAddress.getByName("192.0.2.9"), "a@example.com", Optional.empty());

        given().queryParam("sender", "a@example.com").get(RateRoutes.COUNTERS + "/192.0.2.9")
            .then().statusCode(HttpStatus.OK_200)
            .body("clientMessagesPer15m", equalTo(1))
            .body("senderMessagesPer15m", equalTo(1));
    }

    @Test
    void aBadClientShouldBeABadRequest() {
        when().put(RateRoutes.SOFT_BOUNCE + "/mail.example.com")
            .then().statusCode(HttpStatus.BAD_REQUEST_400).body("type", equalTo("InvalidArgument"))
            .body("message", equalTo("The client must be an IP address, got 'mail.example.com'"));
    }

    @Test
    void aBadDurationShouldBeABadRequest() {
        given().body("{\"duration\": \"forever\"}").put(RateRoutes.SOFT_BOUNCE + "/192.0.2.7")
            .then().statusCode(HttpStatus.BAD_REQUEST_400).body("message", equalTo(
                "Invalid value for 'duration': 'forever' (expected a duration such as 500ms, 2s, 5m, 1h or 35d)"));
    }

    @Test
    void limitsShouldChangeAtRunTimeCheckedAsTheFilesKeysAre() throws Exception {
        given().body("{\"rate.exempt.clients\": \"192.0.2.0/24\", \"rate.dsl.strikes\": 2}").put(RateRoutes.SETTINGS)
            .then().statusCode(HttpStatus.NO_CONTENT_204);
        assertThat(settings.current().isExempt(InetAddress.getByName("192.0.2.9"))).isTrue();
        assertThat(settings.current().dslStrikes()).isEqualTo(2);
        when().get(RateRoutes.SETTINGS).then().body("file.'rate.dsl.strikes'", equalTo("5"))
            .body("overrides.'rate.dsl.strikes'", equalTo("2"));

        given().body("{\"rate.dsl.strikez\": 2}").put(RateRoutes.SETTINGS).then().statusCode(HttpStatus.BAD_REQUEST_400)
            .body("message", containsString("rate.dsl.strikez"));
        given().body("{\"rate.exempt.clients\": \"not-a-network\"}").put(RateRoutes.SETTINGS).then().statusCode(HttpStatus.BAD_REQUEST_400)
            .body("message", containsString("rate.exempt.clients"));

        when().delete(RateRoutes.SETTINGS + "/rate.dsl.strikes").then().statusCode(HttpStatus.NO_CONTENT_204);
        assertThat(settings.current().dslStrikes()).as("the file's again").isEqualTo(5);
        assertThat(settings.current().isExempt(InetAddress.getByName("192.0.2.9"))).as("untouched by the bad writes").isTrue();
    }
}
