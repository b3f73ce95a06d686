package org.tracewall.james.webadmin;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import org.apache.james.webadmin.WebAdminServer;
import org.apache.james.webadmin.WebAdminUtils;
import org.eclipse.jetty.http.HttpStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tracewall.core.config.LiveSettings;
import org.tracewall.core.score.ScoreConfig;
import org.tracewall.core.store.InMemoryStateStore;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;

class ScoreRoutesTest {
    private WebAdminServer server;
    private LiveSettings<ScoreConfig> score;

    @BeforeEach
    void setUp() {
        InMemoryStateStore store = new InMemoryStateStore();
        score = new LiveSettings<>("score.", Map.of("score.weight.NO_PTR", "1.5", "score.rule.FILE.in", "body",
            "score.rule.FILE.pattern", "zq-file", "score.rule.FILE.weight", "2"), ScoreConfig::read, () -> store, System::currentTimeMillis);
        server = WebAdminUtils.createWebAdminServer(new ScoreRoutes(score)).start();
        RestAssured.requestSpecification = WebAdminUtils.buildRequestSpecification(server).build();
    }

    @AfterEach
    void tearDown() {
        server.destroy();
    }

    @Test
    void getShouldShowWhatIsInEffect() {
        when().get(ScoreRoutes.BASE_PATH)
            .then().statusCode(HttpStatus.OK_200).contentType(ContentType.JSON)
            .body("thresholds.tag", equalTo(5.0f))
            .body("weights.NO_PTR", equalTo(1.5f))
            .body("rules.name", hasItem("FILE"))
            .body("overrides", equalTo(Map.of()));
    }

    @Test
    void aWeightPutShouldApplyAndItsDeleteShouldBringBackTheFilesValue() {
        given().body("{\"weight\": 3}").put(ScoreRoutes.BASE_PATH + "/weights/NO_PTR").then().statusCode(HttpStatus.NO_CONTENT_204);
        assertThat(score.current().policy().weights()).containsEntry("NO_PTR", 3.0);
        when().get(ScoreRoutes.BASE_PATH).then().body("overrides.'score.weight.NO_PTR'", equalTo("3"));

        when().delete(ScoreRoutes.BASE_PATH + "/weights/NO_PTR").then().statusCode(HttpStatus.NO_CONTENT_204);
        assertThat(score.current().policy().weights()).containsEntry("NO_PTR", 1.5);
    }

    @Test
    void aRulePutShouldAddAContentRuleAndItsDeleteShouldTakeItAway() {
        given().body("{\"in\": \"Subject\", \"pattern\": \"(?i)offer\", \"weight\": 4}").put(ScoreRoutes.BASE_PATH + "/rules/OFFER")
            .then().statusCode(HttpStatus.NO_CONTENT_204);
        when().get(ScoreRoutes.BASE_PATH).then().body("rules.name", hasItem("OFFER")).body("weights.OFFER", equalTo(4.0f));

        when().delete(ScoreRoutes.BASE_PATH + "/rules/OFFER").then().statusCode(HttpStatus.NO_CONTENT_204);
        when().get(ScoreRoutes.BASE_PATH).then().body("rules.name", not(hasItem("OFFER"))).body("weights", not(hasKey("OFFER")));
    }

    @Test
    void aContentRulesWeightShouldBeSetOnTheRuleAndAFileRuleNeverDeleted() {
        given().body("{\"weight\": 0}").put(ScoreRoutes.BASE_PATH + "/weights/FILE").then().statusCode(HttpStatus.NO_CONTENT_204);

        assertThat(score.current().policy().weights()).containsEntry("FILE", 0.0);
        assertThat(score.overrides()).containsOnlyKeys("score.rule.FILE.weight");
        when().delete(ScoreRoutes.BASE_PATH + "/rules/FILE").then().statusCode(HttpStatus.CONFLICT_409)
            .body("message", containsString("weight to 0"));
        when().delete(ScoreRoutes.BASE_PATH + "/weights/FILE").then().statusCode(HttpStatus.NO_CONTENT_204);
        assertThat(score.current().policy().weights()).containsEntry("FILE", 2.0);
    }

    @Test
    void aThresholdShouldTakeANumberOrOff() {
        given().body("{\"points\": \"off\"}").put(ScoreRoutes.BASE_PATH + "/thresholds/tag").then().statusCode(HttpStatus.NO_CONTENT_204);
        when().get(ScoreRoutes.BASE_PATH).then().body("thresholds.tag", equalTo("off"));

        given().body("{\"points\": 7}").put(ScoreRoutes.BASE_PATH + "/thresholds/tag").then().statusCode(HttpStatus.NO_CONTENT_204);
        assertThat(score.current().policy().thresholds().tag()).isEqualTo(7.0);
        when().put(ScoreRoutes.BASE_PATH + "/thresholds/often").then().statusCode(HttpStatus.NOT_FOUND_404);
    }

    @Test
    void badValuesShouldBeRefusedNamingTheSettingAndNothingKept() {
        given().body("{\"weight\": \"heavy\"}").put(ScoreRoutes.BASE_PATH + "/weights/NO_PTR")
            .then().statusCode(HttpStatus.BAD_REQUEST_400).body("message", containsString("score.weight.NO_PTR"));
        given().body("{\"in\": \"Subject\", \"pattern\": \"(unclosed\", \"weight\": 4}").put(ScoreRoutes.BASE_PATH + "/rules/OFFER")
            .then().statusCode(HttpStatus.BAD_REQUEST_400).body("message", containsString("score.rule.OFFER.pattern"));
        given().body("{\"in\": \"Subject\"}").put(ScoreRoutes.BASE_PATH + "/rules/OFFER")
            .then().statusCode(HttpStatus.BAD_REQUEST_400).body("message", containsString("'pattern'"));
        given().body("not json").put(ScoreRoutes.BASE_PATH + "/weights/NO_PTR").then().statusCode(HttpStatus.BAD_REQUEST_400);
        given().body("{\"weight\": 1}").put(ScoreRoutes.BASE_PATH + "/weights/NO-PTR!").then().statusCode(HttpStatus.BAD_REQUEST_400);
        given().body("{\"points\": 99}").put(ScoreRoutes.BASE_PATH + "/thresholds/tag")
            .then().statusCode(HttpStatus.BAD_REQUEST_400).body("message", containsString("score.tag"));

        assertThat(score.overrides()).isEmpty();
    }

    @Test
    void anyScoreKeyShouldBeSetAndRemovedThroughTheSettings() {
        given().body("{\"score.group.outbound.direction\": \"outbound\", \"score.group.outbound.tag\": \"off\"}")
            .put(ScoreRoutes.BASE_PATH + "/settings").then().statusCode(HttpStatus.NO_CONTENT_204);
        assertThat(score.overrides()).containsEntry("score.group.outbound.tag", "off");

        given().body("{\"score.group.outbound.tagg\": \"off\"}").put(ScoreRoutes.BASE_PATH + "/settings")
            .then().statusCode(HttpStatus.BAD_REQUEST_400).body("message", containsString("score.group.outbound.tagg"));
        given().body("{\"rate.messagesPer15m\": 1}").put(ScoreRoutes.BASE_PATH + "/settings")
            .then().statusCode(HttpStatus.BAD_REQUEST_400);

        when().delete(ScoreRoutes.BASE_PATH + "/settings/score.group.outbound.tag").then().statusCode(HttpStatus.NO_CONTENT_204);
        assertThat(score.overrides()).doesNotContainKey("score.group.outbound.tag").containsKey("score.group.outbound.direction");
    }
}
