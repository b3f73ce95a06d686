package org.tracewall.james.webadmin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.webadmin.utils.JsonTransformer;
import org.tracewall.core.config.LiveSettings;
import org.tracewall.core.dnsbl.ActiveDnsLists;
import org.tracewall.core.dnsbl.DnsList;
import org.tracewall.james.TracewallRuntime;

import com.fasterxml.jackson.databind.JsonNode;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * WebAdmin routes for the DNS lists at run time: a list added, changed or silenced without a
 * restart, kept in the state store so that every node asks it (within two seconds), checked as
 * the file's own {@code dnsbl.*} keys are (a bad value is a 400 naming the key, and nothing is
 * kept). Register in {@code webadmin.properties}:
 * {@code extensions.routes=org.tracewall.james.webadmin.DnsListRoutes}.
 *
 * <pre>
 * GET    /tracewall/dnsbl                    threshold and lists in effect; the overrides
 * PUT    /tracewall/dnsbl/lists/zen          {"zone": "zen.spamhaus.org", "weight": 5, "codes": "127.0.0.2-127.0.0.11"}   204
 * DELETE /tracewall/dnsbl/lists/zen          204: its run-time changes gone (a list of the file: the file's values again)
 * PUT    /tracewall/dnsbl/threshold          {"points": 3}                                                           204
 * DELETE /tracewall/dnsbl/threshold          204
 * </pre>
 *
 * A list's fields are those of {@code dnsbl.list.<name>.*}: zone (required for a new list), weight,
 * codes, message, type (ip, domain, url) and mask; a field left out keeps its value. A list of the
 * file is silenced with weight 0.
 */
public class DnsListRoutes implements MountedRoutes {
    public static final String BASE_PATH = "/tracewall/dnsbl";
    static final String NAME = ":name";
    private static final Set<String> FIELDS = Set.of("zone", "weight", "codes", "message", "type", "mask");

    private final LiveSettings<ActiveDnsLists> lists;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    public DnsListRoutes(TracewallRuntime runtime) {
        this(runtime.liveDnsLists());
    }

    DnsListRoutes(LiveSettings<ActiveDnsLists> lists) {
        this.lists = lists;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service, String base) {
        service.get(base, this::show, json);
        service.put(base + "/lists/" + NAME, (request, response) -> LiveChanges.set(lists, list(request), response));
        service.delete(base + "/lists/" + NAME, (request, response) -> LiveChanges.remove(lists, listKeys(request), response));
        service.put(base + "/threshold", (request, response) -> LiveChanges.set(lists,
            Map.of("dnsbl.threshold", JsonBodies.scalar(JsonBodies.object(request), "points")), response));
        service.delete(base + "/threshold", (request, response) -> LiveChanges.remove(lists, List.of("dnsbl.threshold"), response));
    }

    private Object show(Request request, Response response) {
        return RouteErrors.available(() -> {
            ActiveDnsLists current = lists.current();
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("threshold", current.threshold());
            shown.put("lists", current.checker().lists().stream().map(DnsListRoutes::list).collect(Collectors.toList()));
            shown.put("overrides", lists.overrides());
            return shown;
        });
    }

    private Map<String, String> list(Request request) {
        JsonNode body = JsonBodies.object(request);
        String prefix = "dnsbl.list." + name(request) + ".";
        Map<String, String> changes = new LinkedHashMap<>();
        body.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                throw RouteErrors.badRequest("Unknown field '" + field + "' (" + String.join(", ", sorted(FIELDS)) + ")", null);
            }
            changes.put(prefix + field, JsonBodies.scalar(body, field));
        });
        if (changes.isEmpty()) {
            throw RouteErrors.badRequest("No field to set (" + String.join(", ", sorted(FIELDS)) + ")", null);
        }
        return changes;
    }

    private static List<String> listKeys(Request request) {
        String prefix = "dnsbl.list." + name(request) + ".";
        return FIELDS.stream().map(field -> prefix + field).collect(Collectors.toList());
    }

    /** A list name as the file writes it; the schema checks the rest. */
    private static String name(Request request) {
        String name = request.params(NAME);
        if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw RouteErrors.badRequest("Invalid list name '" + name + "': letters, digits, - and _ only", null);
        }
        return name;
    }

    private static Map<String, Object> list(DnsList list) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("name", list.name());
        shown.put("zone", list.zone());
        shown.put("type", list.kind().name().toLowerCase(Locale.ROOT));
        shown.put("weight", list.weight());
        return shown;
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().collect(Collectors.toList());
    }
}
