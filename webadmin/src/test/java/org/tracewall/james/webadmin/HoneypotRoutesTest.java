package org.tracewall.james.webadmin;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;

import java.util.Map;

import org.apache.james.webadmin.WebAdminServer;
import org.apache.james.webadmin.WebAdminUtils;
import org.eclipse.jetty.http.HttpStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tracewall.core.config.LiveSettings;
import org.tracewall.core.honeypot.HoneypotConfig;
import org.tracewall.core.store.InMemoryStateStore;

import io.restassured.RestAssured;

class HoneypotRoutesTest {
    private WebAdminServer server;
    private LiveSettings<HoneypotConfig> honeypot;

    @BeforeEach
    void setUp() {
        InMemoryStateStore store = new InMemoryStateStore();
        honeypot = new LiveSettings<>("honeypot.", Map.of("honeypot.addresses", "file-trap@example.com"), HoneypotConfig::fromProperties,
            () -> store, System::currentTimeMillis);
        server = WebAdminUtils.createWebAdminServer(new HoneypotRoutes(honeypot)).start();
        RestAssured.requestSpecification = WebAdminUtils.buildRequestSpecification(server).build();
    }

    @AfterEach
    void tearDown() {
        server.destroy();
    }

    @Test
    void trapsShouldBeAddedAndRemovedFileTrapsIncluded() {
        when().put(HoneypotRoutes.BASE_PATH + "/traps/New-Trap@Example.com").then().statusCode(HttpStatus.NO_CONTENT_204);
        assertThat(honeypot.current().isTrap("new-trap@example.com")).isTrue();
        when().get(HoneypotRoutes.BASE_PATH).then().body("traps", contains("file-trap@example.com", "new-trap@example.com"));

        when().delete(HoneypotRoutes.BASE_PATH + "/traps/file-trap@example.com").then().statusCode(HttpStatus.NO_CONTENT_204);
        assertThat(honeypot.current().isTrap("file-trap@example.com")).isFalse();
        when().delete(HoneypotRoutes.BASE_PATH + "/traps/file-trap@example.com").then().statusCode(HttpStatus.NOT_FOUND_404);

        when().delete(HoneypotRoutes.BASE_PATH + "/changes").then().statusCode(HttpStatus.NO_CONTENT_204);
        assertThat(honeypot.current().addresses()).containsExactly("file-trap@example.com");
    }

    @Test
    void somethingThatIsNotAnAddressShouldBeA400() {
        when().put(HoneypotRoutes.BASE_PATH + "/traps/not-an-address").then().statusCode(HttpStatus.BAD_REQUEST_400);
        assertThat(honeypot.overrides()).isEmpty();
    }
}
