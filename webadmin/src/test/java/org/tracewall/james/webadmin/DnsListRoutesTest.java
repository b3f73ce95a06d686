package org.tracewall.james.webadmin;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.james.webadmin.WebAdminServer;
import org.apache.james.webadmin.WebAdminUtils;
import org.eclipse.jetty.http.HttpStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tracewall.core.config.LiveSettings;
import org.tracewall.core.dns.DnsResolver;
import org.tracewall.core.dnsbl.ActiveDnsLists;
import org.tracewall.core.dnsbl.DnsList;
import org.tracewall.core.domain.PublicSuffixList;
import org.tracewall.core.store.InMemoryStateStore;

import io.restassured.RestAssured;

class DnsListRoutesTest {
    private WebAdminServer server;
    private LiveSettings<ActiveDnsLists> lists;

    @BeforeEach
    void setUp() {
        InMemoryStateStore store = new InMemoryStateStore();
        PublicSuffixList psl = PublicSuffixList.bundled();
        lists = new LiveSettings<>("dnsbl.", Map.of("dnsbl.list.zen.zone", "zen.example", "dnsbl.list.zen.weight", "2"),
            section -> ActiveDnsLists.of(section, DnsResolver.offline(), psl, new ConcurrentHashMap<>()), () -> store,
            System::currentTimeMillis);
        server = WebAdminUtils.createWebAdminServer(new DnsListRoutes(lists)).start();
        RestAssured.requestSpecification = WebAdminUtils.buildRequestSpecification(server).build();
    }

    @AfterEach
    void tearDown() {
        server.destroy();
    }

    @Test
    void getShouldShowTheListsInEffect() {
        when().get(DnsListRoutes.BASE_PATH).then().statusCode(HttpStatus.OK_200)
            .body("threshold", equalTo(1.0f))
            .body("lists.name", hasItem("zen"))
            .body("lists.find { it.name == 'zen' }.weight", equalTo(2.0f));
    }

    @Test
    void aListPutShouldApplyAndItsDeleteShouldTakeItAway() {
        given().body("{\"zone\": \"dbl.example\", \"type\": \"domain\", \"weight\": 4}").put(DnsListRoutes.BASE_PATH + "/lists/dbl")
            .then().statusCode(HttpStatus.NO_CONTENT_204);
        assertThat(lists.current().checker().lists()).extracting(DnsList::name).contains("dbl");
        assertThat(lists.current().checker().lists()).filteredOn(list -> list.name().equals("dbl")).extracting(DnsList::kind)
            .containsExactly(DnsList.Kind.DOMAIN);

        when().delete(DnsListRoutes.BASE_PATH + "/lists/dbl").then().statusCode(HttpStatus.NO_CONTENT_204);
        when().get(DnsListRoutes.BASE_PATH).then().body("lists.name", not(hasItem("dbl"))).body("overrides", equalTo(Map.of()));
    }

    @Test
    void aFieldLeftOutShouldKeepItsValueAndADeleteShouldBringBackTheFilesValues() {
        given().body("{\"weight\": 0}").put(DnsListRoutes.BASE_PATH + "/lists/zen").then().statusCode(HttpStatus.NO_CONTENT_204);
        assertThat(lists.current().checker().lists()).singleElement().satisfies(list -> {
            assertThat(list.zone()).isEqualTo("zen.example");
            assertThat(list.weight()).isZero();
        });
        when().delete(DnsListRoutes.BASE_PATH + "/lists/zen").then().statusCode(HttpStatus.NO_CONTENT_204);
        assertThat(lists.current().checker().lists()).singleElement().satisfies(list -> assertThat(list.weight()).isEqualTo(2.0));
    }

    @Test
    void badInputShouldBeA400NamingWhatIsWrongAndKeepNothing() {
        given().body("{\"zone\": \"x.example\", \"colour\": \"red\"}").put(DnsListRoutes.BASE_PATH + "/lists/new")
            .then().statusCode(HttpStatus.BAD_REQUEST_400).body("message", containsString("Unknown field 'colour'"));
        given().body("{\"weight\": 3}").put(DnsListRoutes.BASE_PATH + "/lists/new")
            .then().statusCode(HttpStatus.BAD_REQUEST_400).body("message", containsString("dnsbl.list.new.zone"));
        given().body("{\"zone\": \"x.example\"}").put(DnsListRoutes.BASE_PATH + "/lists/bad!name")
            .then().statusCode(HttpStatus.BAD_REQUEST_400);
        given().body("{\"points\": \"many\"}").put(DnsListRoutes.BASE_PATH + "/threshold")
            .then().statusCode(HttpStatus.BAD_REQUEST_400).body("message", containsString("dnsbl.threshold"));
        assertThat(lists.overrides()).isEmpty();
    }

    @Test
    void theThresholdShouldChangeAndComeBack() {
        given().body("{\"points\": 3}").put(DnsListRoutes.BASE_PATH + "/threshold").then().statusCode(HttpStatus.NO_CONTENT_204);
        assertThat(lists.current().threshold()).isEqualTo(3.0);
        when().delete(DnsListRoutes.BASE_PATH + "/threshold").then().statusCode(HttpStatus.NO_CONTENT_204);
        assertThat(lists.current().threshold()).isEqualTo(1.0);
    }
}
