package org.tracewall.james.webadmin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.apache.james.webadmin.WebAdminServer;
import org.apache.james.webadmin.WebAdminUtils;
import org.eclipse.jetty.http.HttpStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tracewall.core.store.InMemoryStateStore;
import org.tracewall.reputation.fingerprint.Fingerprint;
import org.tracewall.reputation.fingerprint.FingerprintConfig;
import org.tracewall.reputation.fingerprint.FingerprintStore;
import org.tracewall.reputation.text.AttachmentReader;

import io.restassured.RestAssured;

class FingerprintRoutesTest {
    private static final String SPAM = "From: a@spam.example\r\nSubject: offer\r\n\r\nWe are pleased to offer you an exclusive discount on"
        + " premium watches this week only, order before Friday and shipping is free to any address in the country.\r\n";

    private WebAdminServer server;
    private FingerprintStore prints;

    @BeforeEach
    void setUp() {
        prints = new FingerprintStore(new InMemoryStateStore(), FingerprintConfig.fromProperties(Map.of()));
        server = WebAdminUtils.createWebAdminServer(new FingerprintRoutes(prints, AttachmentReader.NONE)).start();
        RestAssured.requestSpecification = WebAdminUtils.buildRequestSpecification(server).build();
    }

    @AfterEach
    void tearDown() {
        server.destroy();
    }

    private static Fingerprint printOf(String message) {
        return Fingerprint.of(message.substring(message.indexOf("\r\n\r\n") + 4)).orElseThrow();
    }

    @Test
    void aReportedMessageShouldMakeItsCopiesKnownSpamAndATakenBackReportShouldNot() {
        given().body(SPAM).post(FingerprintRoutes.SPAM).then().statusCode(HttpStatus.NO_CONTENT_204);

        String copy = SPAM.replace("this week only", "this week\r\nonly");
        assertThat(prints.isKnownSpam(printOf(copy))).isTrue();
        given().body(copy).post(FingerprintRoutes.LOOKUP).then().statusCode(HttpStatus.OK_200)
            .body("printed", equalTo(true)).body("knownSpam", equalTo(true));

        given().body(SPAM).delete(FingerprintRoutes.SPAM).then().statusCode(HttpStatus.NO_CONTENT_204);
        assertThat(prints.isKnownSpam(printOf(SPAM))).isFalse();
    }

    @Test
    void aTextTooShortToPrintShouldBeABadRequestNotASilentSuccess() {
        given().body("Subject: hi\r\n\r\nlunch?\r\n").post(FingerprintRoutes.SPAM).then().statusCode(HttpStatus.BAD_REQUEST_400)
            .body("message", org.hamcrest.Matchers.containsString("too short to print"));
        given().body("Subject: hi\r\n\r\nlunch?\r\n").post(FingerprintRoutes.LOOKUP).then().statusCode(HttpStatus.OK_200)
            .body("printed", equalTo(false)).body("knownSpam", equalTo(false));
    }
}
