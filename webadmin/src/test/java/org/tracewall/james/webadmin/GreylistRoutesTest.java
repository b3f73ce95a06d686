package org.tracewall.james.webadmin;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.net.InetAddress;

import org.apache.james.webadmin.WebAdminServer;
import org.apache.james.webadmin.WebAdminUtils;
import org.eclipse.jetty.http.HttpStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.tracewall.core.store.InMemoryStateStore;
import org.tracewall.greylist.Greylist;
import org.tracewall.greylist.GreylistConfig;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;

class GreylistRoutesTest {
    private WebAdminServer server;
    private Greylist greylist;

    @BeforeEach
    void setUp() {
        InMemoryStateStore store = new InMemoryStateStore();
        greylist = new Greylist(store, GreylistConfig.defaults());
        server = WebAdminUtils.createWebAdminServer(new GreylistRoutes(greylist, store)).start();
        RestAssured.requestSpecification = WebAdminUtils.buildRequestSpecification(server).build();
    }

    @AfterEach
    void tearDown() {
        server.destroy();
    }

    @Test
    void statusShouldDescribeTheStoreAndTheDelays() {
        when().get(GreylistRoutes.BASE_PATH)
            .then().statusCode(HttpStatus.OK_200).contentType(ContentType.JSON)
            .body("store", equalTo("memory"))
            .body("delaySeconds", equalTo(300))
            .body("failOpenCount", equalTo(0));
    }

    @Nested
    class Whitelists {
        @Test
        void putShouldAddACanonicalEntryThatTheGreylistHonours() throws Exception {
            when().put(GreylistRoutes.BASE_PATH + "/whitelist/clients/192.0.2.77/24")
                .then().statusCode(HttpStatus.NO_CONTENT_204);

            when().get(GreylistRoutes.BASE_PATH + "/whitelist/clients")
                .then().statusCode(HttpStatus.OK_200).body("", contains("192.0.2.0/24"));
            assertThat(greylist.check(InetAddress.getByName("192.0.2.9"), "a@b.example", "c@d.example").isDeferred())
                .isFalse();
        }

        @Test
        void deleteShouldRemoveTheEntry() {
            greylist.whitelist(Greylist.ListKind.SENDERS, "partner.example");

            when().delete(GreylistRoutes.BASE_PATH + "/whitelist/senders/partner.example")
                .then().statusCode(HttpStatus.NO_CONTENT_204);

            when().get(GreylistRoutes.BASE_PATH + "/whitelist/senders").then().body("", hasSize(0));
        }

        @Test
        void putShouldRefuseAMalformedEntry() {
            when().put(GreylistRoutes.BASE_PATH + "/whitelist/clients/300.1.2.3")
                .then().statusCode(HttpStatus.BAD_REQUEST_400).contentType(ContentType.JSON)
                .body("statusCode", equalTo(400))
                .body("type", equalTo("InvalidArgument"))
                .body("message", equalTo("Invalid entry for clients: not an IP address: '300.1.2.3'"));
        }

        @Test
        void putShouldRequireTheEntry() {
            when().put(GreylistRoutes.BASE_PATH + "/whitelist/senders/")
                .then().statusCode(HttpStatus.BAD_REQUEST_400).body("message", equalTo("Missing entry: /tracewall/greylist/whitelist/KIND/ENTRY"));
        }

        @Test
        void anUnknownListShouldBeNotFound() {
            when().get(GreylistRoutes.BASE_PATH + "/whitelist/friends")
                .then().statusCode(HttpStatus.NOT_FOUND_404).body("type", equalTo("notFound"));
        }
    }
}
