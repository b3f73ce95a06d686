package org.tracewall.james.webadmin;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import javax.inject.Inject;

import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.apache.james.webadmin.utils.Responses;
import org.eclipse.jetty.http.HttpStatus;
import org.tracewall.core.store.StateStore;
import org.tracewall.greylist.Greylist;
import org.tracewall.james.TracewallRuntime;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * WebAdmin routes for greylisting: the run-time whitelists (shared by every node through the
 * state store) and the greylist's status. Register in {@code webadmin.properties}:
 * {@code extensions.routes=org.tracewall.james.webadmin.GreylistRoutes}.
 *
 * <pre>
 * GET    /tracewall/greylist                                   status: store, delays, fail-open count
 * GET    /tracewall/greylist/whitelist/{clients|senders|recipients}
 * PUT    /tracewall/greylist/whitelist/clients/192.0.2.0/24       204
 * DELETE /tracewall/greylist/whitelist/senders/partner.example     204
 * </pre>
 *
 * The entry is the rest of the path, so that a network keeps its {@code /}.
 */
public class GreylistRoutes implements MountedRoutes {
    public static final String BASE_PATH = "/tracewall/greylist";
    static final String WHITELIST = "/whitelist/:kind";
    static final String KIND = ":kind";

    private final Greylist greylist;
    private final StateStore store;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    public GreylistRoutes(TracewallRuntime runtime) {
        this(runtime.greylist(), runtime.store());
    }

    GreylistRoutes(Greylist greylist, StateStore store) {
        this.greylist = greylist;
        this.store = store;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service, String base) {
        service.get(base, this::status, json);
        service.get(base + WHITELIST, this::list, json);
        service.put(base + WHITELIST + "/*", this::add);
        service.delete(base + WHITELIST + "/*", this::remove);
    }

    private Object status(Request request, Response response) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("store", store.describe());
        status.put("delaySeconds", greylist.config().delay().toSeconds());
        status.put("lifetimeDays", greylist.config().lifetime().toDays());
        status.put("autoWhitelistAfter", greylist.config().autoWhitelistAfter());
        status.put("failOpenCount", greylist.failOpenCount());
        return status;
    }

    private Object list(Request request, Response response) {
        Greylist.ListKind kind = kind(request);
        return RouteErrors.available(() -> new TreeSet<>(greylist.whitelisted(kind)));
    }

    private Object add(Request request, Response response) {
        Greylist.ListKind kind = kind(request);
        String entry = entry(request, kind);
        RouteErrors.available(() -> greylist.whitelist(kind, entry));
        return Responses.returnNoContent(response);
    }

    private Object remove(Request request, Response response) {
        Greylist.ListKind kind = kind(request);
        String entry = entry(request, kind);
        RouteErrors.available(() -> greylist.unwhitelist(kind, entry));
        return Responses.returnNoContent(response);
    }

    private static Greylist.ListKind kind(Request request) {
        String name = request.params(KIND);
        return Greylist.ListKind.of(name).orElseThrow(() -> ErrorResponder.builder()
            .statusCode(HttpStatus.NOT_FOUND_404)
            .type(ErrorResponder.ErrorType.NOT_FOUND)
            .message("Unknown whitelist '%s' (clients, senders or recipients)", name)
            .haltError());
    }

    private static String entry(Request request, Greylist.ListKind kind) {
        String[] rest = request.splat();
        String entry = rest.length == 0 ? "" : rest[0];
        if (entry.isBlank()) {
            throw RouteErrors.badRequest("Missing entry: " + BASE_PATH + "/whitelist/KIND/ENTRY", null);
        }
        try {
            return Greylist.validate(kind, entry);
        } catch (IllegalArgumentException e) {
            throw RouteErrors.badRequest("Invalid entry for " + kind.name().toLowerCase(Locale.ROOT) + ": " + e.getMessage(), e);
        }
    }

}
