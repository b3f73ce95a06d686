package org.tracewall.james.webadmin;

import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.eclipse.jetty.http.HttpStatus;
import org.tracewall.core.access.AccessAction;
import org.tracewall.core.access.AccessDb;
import org.tracewall.core.config.LiveSettings;
import org.tracewall.james.TracewallRuntime;

import spark.Request;
import spark.Service;

/**
 * WebAdmin routes for access db entries at run time (sendmail's access format): an entry added or
 * removed without a restart, kept in the state store so that every node's {@code AccessDbHook}
 * applies it within two seconds, over the entries of its file (which stay the initial content).
 * The entry is the rest of the path, as the file writes it. Register in {@code webadmin.properties}:
 * {@code extensions.routes=org.tracewall.james.webadmin.AccessRoutes}.
 *
 * <pre>
 * GET    /tracewall/access                                 {"access.Connect:192.0.2": "REJECT", ...}
 * PUT    /tracewall/access/Connect:192.0.2        {"action": "REJECT"}            204
 * PUT    /tracewall/access/From:spam.example      {"action": "ERROR:\"550 5.7.1 go away\""}   204
 * DELETE /tracewall/access/Connect:192.0.2                                        204
 * </pre>
 */
public class AccessRoutes implements MountedRoutes {
    public static final String BASE_PATH = "/tracewall/access";
    static final String PREFIX = "access.";

    private final LiveSettings<Map<String, AccessAction>> access;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    public AccessRoutes(TracewallRuntime runtime) {
        this(runtime.engine().liveAccess());
    }

    AccessRoutes(LiveSettings<Map<String, AccessAction>> access) {
        this.access = access;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service, String base) {
        service.get(base, (request, response) -> RouteErrors.available(access::overrides), json);
        service.put(base + "/*", (request, response) -> LiveChanges.set(access,
            Map.of(key(request), JsonBodies.scalar(JsonBodies.object(request), "action")), response));
        service.delete(base + "/*", (request, response) -> LiveChanges.remove(access, List.of(known(key(request))), response));
    }

    /** The entry's one spelling ({@link AccessDb#canonical}), so that any spelling of it finds it. */
    private static String key(Request request) {
        String[] rest = request.splat();
        if (rest.length == 0 || rest[0].isBlank()) {
            throw RouteErrors.badRequest("Missing entry: " + BASE_PATH + "/ENTRY (Connect:192.0.2, From:spam.example ...)", null);
        }
        try {
            return PREFIX + AccessDb.canonical(rest[0]);
        } catch (IllegalArgumentException e) {
            throw RouteErrors.badRequest("Invalid access entry '" + rest[0] + "': " + e.getMessage(), e);
        }
    }

    private String known(String key) {
        if (!RouteErrors.available(access::overrides).containsKey(key)) {
            throw ErrorResponder.builder().statusCode(HttpStatus.NOT_FOUND_404).type(ErrorResponder.ErrorType.NOT_FOUND)
                .message("No run-time access entry %s", key.substring(PREFIX.length())).haltError();
        }
        return key;
    }
}
