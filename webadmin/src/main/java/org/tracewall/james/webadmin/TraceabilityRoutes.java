package org.tracewall.james.webadmin;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.inject.Inject;

import org.apache.james.webadmin.utils.JsonTransformer;
import org.apache.james.webadmin.utils.Responses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.net.IpNetwork;
import org.tracewall.core.trace.SharedTraceEntries;
import org.tracewall.core.trace.TrustedRegistry;
import org.tracewall.james.TracewallRuntime;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * WebAdmin routes for the traceability decisions an operator makes at run time: the trusted
 * registry (a domain trusted or untrusted whatever the heuristics say) and the compensation list
 * (networks known to send for a domain), kept in the state store so that every node applies them
 * within two seconds, before the files' entries. An entry covers the domain's subdomains.
 * Register in {@code webadmin.properties}:
 * {@code extensions.routes=org.tracewall.james.webadmin.TraceabilityRoutes}.
 *
 * <pre>
 * GET    /tracewall/traceability                                  {"registry": {...}, "compensation": {...}}
 * PUT    /tracewall/traceability/registry/bank.example        {"answer": "trusted"}   (or "untrusted")   204
 * DELETE /tracewall/traceability/registry/bank.example                                                  204
 * PUT    /tracewall/traceability/compensation/example.com     {"networks": ["192.0.2.0/24"]}             204
 * DELETE /tracewall/traceability/compensation/example.com                                               204
 * </pre>
 */
public class TraceabilityRoutes implements MountedRoutes {
    public static final String BASE_PATH = "/tracewall/traceability";
    static final String DOMAIN = ":domain";

    private static final Logger LOGGER = LoggerFactory.getLogger(TraceabilityRoutes.class);

    private final SharedTraceEntries entries;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    public TraceabilityRoutes(TracewallRuntime runtime) {
        this(runtime.engine().sharedTraceEntries());
    }

    TraceabilityRoutes(SharedTraceEntries entries) {
        this.entries = entries;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service, String base) {
        service.get(base, this::show, json);
        service.put(base + "/registry/" + DOMAIN, (request, response) -> change(request, response,
            () -> entries.trust(request.params(DOMAIN), answer(JsonBodies.scalar(JsonBodies.object(request), "answer")))));
        service.delete(base + "/registry/" + DOMAIN, (request, response) -> change(request, response,
            () -> entries.untrust(request.params(DOMAIN))));
        service.put(base + "/compensation/" + DOMAIN, (request, response) -> change(request, response,
            () -> entries.compensate(request.params(DOMAIN), JsonBodies.strings(JsonBodies.object(request), "networks"))));
        service.delete(base + "/compensation/" + DOMAIN, (request, response) -> change(request, response,
            () -> entries.uncompensate(request.params(DOMAIN))));
    }

    private Object show(Request request, Response response) {
        return RouteErrors.available(() -> {
            Map<String, Object> shown = new LinkedHashMap<>();
            Map<String, String> registry = new TreeMap<>();
            entries.registryEntries().forEach((domain, answer) -> registry.put(domain, answer.name().toLowerCase(Locale.ROOT)));
            shown.put("registry", registry);
            Map<String, Object> compensation = new TreeMap<>();
            entries.compensationEntries().forEach((domain, networks) -> compensation.put(domain,
                networks.stream().map(IpNetwork::toString).toArray()));
            shown.put("compensation", compensation);
            return shown;
        });
    }

    private static TrustedRegistry.Answer answer(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "trusted":
                return TrustedRegistry.Answer.TRUSTED;
            case "untrusted":
                return TrustedRegistry.Answer.UNTRUSTED;
            default:
                throw RouteErrors.badRequest("'answer' is trusted or untrusted, not '" + text + "'", null);
        }
    }

    private static Object change(Request request, Response response, Runnable change) {
        try {
            RouteErrors.available(change);
        } catch (IllegalArgumentException e) {
            throw RouteErrors.badRequest(e.getMessage(), e);
        }
        LOGGER.info("tracewall-admin {} {}", request.requestMethod(), request.pathInfo());
        return Responses.returnNoContent(response);
    }
}
