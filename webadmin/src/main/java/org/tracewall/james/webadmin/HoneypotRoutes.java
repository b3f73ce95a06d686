package org.tracewall.james.webadmin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

import javax.inject.Inject;

import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.eclipse.jetty.http.HttpStatus;
import org.tracewall.core.config.LiveSettings;
import org.tracewall.core.honeypot.HoneypotConfig;
import org.tracewall.james.TracewallRuntime;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * WebAdmin routes for the trap addresses at run time: a trap added or removed without a restart,
 * kept in the state store so that every node traps it (within two seconds). The run-time list
 * replaces the file's {@code honeypot.addresses} (removing a trap of the file works too); deleting
 * every change brings back the file's. Register in {@code webadmin.properties}:
 * {@code extensions.routes=org.tracewall.james.webadmin.HoneypotRoutes}.
 *
 * <pre>
 * GET    /tracewall/honeypot                          {"traps": [...], "overrides": {...}}
 * PUT    /tracewall/honeypot/traps/spamtrap@example.com      204
 * DELETE /tracewall/honeypot/traps/spamtrap@example.com      204 (404: not a trap)
 * DELETE /tracewall/honeypot/changes                         204: the file's traps again
 * </pre>
 */
public class HoneypotRoutes implements MountedRoutes {
    public static final String BASE_PATH = "/tracewall/honeypot";
    static final String ADDRESS = ":address";

    private final LiveSettings<HoneypotConfig> honeypot;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    public HoneypotRoutes(TracewallRuntime runtime) {
        this(runtime.liveHoneypot());
    }

    HoneypotRoutes(LiveSettings<HoneypotConfig> honeypot) {
        this.honeypot = honeypot;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service, String base) {
        service.get(base, this::show, json);
        service.put(base + "/traps/" + ADDRESS, this::add);
        service.delete(base + "/traps/" + ADDRESS, this::remove);
        service.delete(base + "/changes", (request, response) -> LiveChanges.remove(honeypot, List.of(HoneypotConfig.ADDRESSES.name()),
            response));
    }

    private Object show(Request request, Response response) {
        return RouteErrors.available(() -> {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("traps", honeypot.current().addresses());
            shown.put("overrides", honeypot.overrides());
            return shown;
        });
    }

    private Object add(Request request, Response response) {
        String address = address(request);
        return LiveChanges.update(honeypot, inEffect -> traps(inEffect, traps -> traps.add(address)), response);
    }

    private Object remove(Request request, Response response) {
        String address = address(request);
        if (!RouteErrors.available(() -> honeypot.current().isTrap(address))) {
            throw ErrorResponder.builder().statusCode(HttpStatus.NOT_FOUND_404).type(ErrorResponder.ErrorType.NOT_FOUND)
                .message("%s is not a trap address", address).haltError();
        }
        return LiveChanges.update(honeypot, inEffect -> traps(inEffect, traps -> traps.remove(address)), response);
    }

    /** The trap list with one change, as the one override that replaces the file's list. */
    private static Map<String, String> traps(HoneypotConfig inEffect, Consumer<TreeSet<String>> change) {
        TreeSet<String> traps = new TreeSet<>(inEffect.addresses());
        change.accept(traps);
        return Map.of(HoneypotConfig.ADDRESSES.name(), String.join(", ", traps));
    }

    private static String address(Request request) {
        return request.params(ADDRESS).trim().toLowerCase(Locale.ROOT);
    }
}
