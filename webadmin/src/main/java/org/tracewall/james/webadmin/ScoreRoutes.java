package org.tracewall.james.webadmin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.eclipse.jetty.http.HttpStatus;
import org.tracewall.core.config.LiveSettings;
import org.tracewall.core.content.ContentRule;
import org.tracewall.core.score.ScoreConfig;
import org.tracewall.core.score.Thresholds;
import org.tracewall.james.TracewallRuntime;

import com.fasterxml.jackson.databind.JsonNode;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * WebAdmin routes for the scoring at run time: weights, content rules and thresholds changed
 * without a restart, kept in the state store so that every node applies them (within two
 * seconds), checked as the file's own {@code score.*} keys are (a bad value is a 400 naming it,
 * and nothing is kept). The file stays the starting point: removing an override brings back its
 * value. Register in {@code webadmin.properties}:
 * {@code extensions.routes=org.tracewall.james.webadmin.ScoreRoutes}.
 *
 * <pre>
 * GET    /tracewall/score                                   thresholds, weights, rules in effect; the overrides
 * PUT    /tracewall/score/weights/NO_PTR       {"weight": 3}                                         204
 * DELETE /tracewall/score/weights/NO_PTR                                                             204
 * PUT    /tracewall/score/rules/OFFER          {"in": "Subject", "pattern": "(?i)offer", "weight": 4} 204
 * DELETE /tracewall/score/rules/OFFER                                                               204
 * PUT    /tracewall/score/thresholds/tag       {"points": 6}  or  {"points": "off"}                  204
 * DELETE /tracewall/score/thresholds/tag                                                            204
 * PUT    /tracewall/score/settings   {"score.group.outbound.direction": "outbound", "score.group.outbound.tag": "off"}   204
 * DELETE /tracewall/score/settings/score.group.outbound.tag                                         204
 * </pre>
 *
 * A rule of the file cannot be deleted here (409: it is the file's); set its weight to 0 to silence it
 * ({@code PUT weights/NAME} sets a content rule's own weight).
 */
public class ScoreRoutes implements MountedRoutes {
    public static final String BASE_PATH = "/tracewall/score";
    static final String NAME = ":name";
    private static final Set<String> THRESHOLDS = Set.of("tag", "quarantine", "reject");

    private final LiveSettings<ScoreConfig> score;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    public ScoreRoutes(TracewallRuntime runtime) {
        this(runtime.liveScore());
    }

    ScoreRoutes(LiveSettings<ScoreConfig> score) {
        this.score = score;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service, String base) {
        service.get(base, this::show, json);
        service.put(base + "/weights/" + NAME, (request, response) -> set(response, weight(request)));
        service.delete(base + "/weights/" + NAME, (request, response) -> remove(response, List.of(weightKey(request))));
        service.put(base + "/rules/" + NAME, (request, response) -> set(response, rule(request)));
        service.delete(base + "/rules/" + NAME, (request, response) -> remove(response, ruleKeys(fromOverridesOnly(request))));
        service.put(base + "/thresholds/" + NAME, (request, response) -> set(response, threshold(request)));
        service.delete(base + "/thresholds/" + NAME, (request, response) -> remove(response, List.of(thresholdKey(request))));
        // Any score.* key, for what has no route of its own: policy groups, combinations.
        service.put(base + "/settings", (request, response) -> set(response,
            JsonBodies.settings(request, "{\"score.group.outbound.tag\": \"off\", ...}")));
        service.delete(base + "/settings/:key", (request, response) -> remove(response, List.of(request.params(":key"))));
    }

    private Object show(Request request, Response response) {
        return RouteErrors.available(() -> {
            ScoreConfig current = score.current();
            Thresholds thresholds = current.policy().thresholds();
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("thresholds", Map.of("tag", points(thresholds.tag()), "quarantine", points(thresholds.quarantine()),
                "reject", points(thresholds.reject())));
            shown.put("weights", new TreeMap<>(current.policy().weights()));
            shown.put("rules", current.contentRules().rules().stream().map(ScoreRoutes::rule).collect(Collectors.toList()));
            shown.put("overrides", score.overrides());
            return shown;
        });
    }

    private Object set(Response response, Map<String, String> settings) {
        return LiveChanges.set(score, settings, response);
    }

    private Object remove(Response response, List<String> keys) {
        return LiveChanges.remove(score, keys, response);
    }

    private Map<String, String> weight(Request request) {
        return Map.of(weightKey(request), JsonBodies.scalar(JsonBodies.object(request), "weight"));
    }

    private Map<String, String> rule(Request request) {
        JsonNode body = JsonBodies.object(request);
        String prefix = "score.rule." + name(request) + ".";
        return Map.of(prefix + "in", JsonBodies.scalar(body, "in"), prefix + "pattern", JsonBodies.scalar(body, "pattern"),
            prefix + "weight", JsonBodies.scalar(body, "weight"));
    }

    private Map<String, String> threshold(Request request) {
        return Map.of(thresholdKey(request), JsonBodies.scalar(JsonBodies.object(request), "points"));
    }

    /**
     * A content rule's weight is its own key ({@code score.rule.NAME.weight}, which wins over
     * {@code score.weight.NAME}): setting the other would answer 204 and change nothing.
     */
    private String weightKey(Request request) {
        String name = name(request);
        boolean isRule = score.current().contentRules().rules().stream().anyMatch(rule -> rule.name().equals(name));
        return isRule ? "score.rule." + name + ".weight" : "score.weight." + name;
    }

    /** Only a rule added at run time can be deleted here; one of the file is silenced with weight 0. */
    private Request fromOverridesOnly(Request request) {
        String name = name(request);
        if (score.fileSettings().containsKey("score.rule." + name + ".in")) {
            throw ErrorResponder.builder().statusCode(HttpStatus.CONFLICT_409).type(ErrorResponder.ErrorType.INVALID_ARGUMENT)
                .message("The rule %s is tracewall.properties': set its weight to 0 (PUT %s/weights/%s) to silence it", name, BASE_PATH, name)
                .haltError();
        }
        return request;
    }

    private static List<String> ruleKeys(Request request) {
        String prefix = "score.rule." + name(request) + ".";
        return List.of(prefix + "in", prefix + "pattern", prefix + "weight");
    }

    private static String thresholdKey(Request request) {
        String name = request.params(NAME).toLowerCase(Locale.ROOT);
        if (!THRESHOLDS.contains(name)) {
            throw ErrorResponder.builder().statusCode(HttpStatus.NOT_FOUND_404).type(ErrorResponder.ErrorType.NOT_FOUND)
                .message("Unknown threshold '%s' (tag, quarantine or reject)", name).haltError();
        }
        return "score." + name;
    }

    /** A symbol or rule name as the file writes it; the schema checks the rest. */
    private static String name(Request request) {
        String name = request.params(NAME);
        if (!name.matches("[A-Za-z0-9_]{1,64}")) {
            throw RouteErrors.badRequest("Invalid name '" + name + "': letters, digits and _ only", null);
        }
        return name;
    }

    private static Object points(double threshold) {
        return Double.isInfinite(threshold) ? "off" : threshold;
    }

    private static Map<String, String> rule(ContentRule rule) {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("name", rule.name());
        shown.put("in", rule.where());
        shown.put("pattern", rule.pattern().pattern());
        return shown;
    }
}
