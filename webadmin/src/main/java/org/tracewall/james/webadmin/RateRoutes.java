package org.tracewall.james.webadmin;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.apache.james.webadmin.utils.Responses;
import org.tracewall.core.config.ConfigValues;
import org.tracewall.core.config.LiveSettings;
import org.tracewall.core.net.IpAddresses;
import org.tracewall.core.rate.RateConfig;
import org.tracewall.core.rate.RateLimiter;
import org.tracewall.james.TracewallRuntime;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * WebAdmin routes for rate control: the high-frequency soft-bounce list (view, add, remove),
 * the current counters of a client, and the limits themselves ({@code rate.*}: limits, groups,
 * exempt clients) changed at run time on every node (within two seconds), each checked as the
 * file's own keys are (a 400 names the key; nothing is kept). Register in {@code webadmin.properties}:
 * {@code extensions.routes=org.tracewall.james.webadmin.RateRoutes}.
 *
 * <pre>
 * GET    /tracewall/rate/softbounce                               [{"client":"192.0.2.7","until":"2026-..."}]
 * PUT    /tracewall/rate/softbounce/192.0.2.7     {"duration": "2h"} (or no body: 1h)  204
 * DELETE /tracewall/rate/softbounce/192.0.2.7                                          204
 * GET    /tracewall/rate/counters/192.0.2.7[?sender=a@example.com]
 * GET    /tracewall/rate/settings                                 {"file": {...}, "overrides": {...}}
 * PUT    /tracewall/rate/settings      {"rate.messagesPer15m": 100, "rate.exempt.clients": "192.0.2.0/24"}  204
 * DELETE /tracewall/rate/settings/rate.messagesPer15m                          204: the file's value again
 * </pre>
 */
public class RateRoutes implements Routes {
    public static final String BASE_PATH = "/tracewall/rate";
    static final String SOFT_BOUNCE = BASE_PATH + "/softbounce";
    static final String COUNTERS = BASE_PATH + "/counters";
    static final String CLIENT = ":client";

    static final String SETTINGS = BASE_PATH + "/settings";

    private final Supplier<RateLimiter> limiter;
    private final LiveSettings<RateConfig> settings;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    public RateRoutes(TracewallRuntime runtime) {
        this(runtime::rateLimiter, runtime.liveRate());
    }

    RateRoutes(Supplier<RateLimiter> limiter, LiveSettings<RateConfig> settings) {
        this.limiter = limiter;
        this.settings = settings;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(SOFT_BOUNCE, this::list, json);
        service.put(SOFT_BOUNCE + "/" + CLIENT, this::add);
        service.delete(SOFT_BOUNCE + "/" + CLIENT, this::remove);
        service.get(COUNTERS + "/" + CLIENT, this::counters, json);
        service.get(SETTINGS, this::showSettings, json);
        service.put(SETTINGS, (request, response) -> LiveChanges.set(settings,
            JsonBodies.settings(request, "{\"rate.messagesPer15m\": 100, ...}"), response));
        service.delete(SETTINGS + "/:key", (request, response) -> LiveChanges.remove(settings, List.of(request.params(":key")), response));
    }

    private Object list(Request request, Response response) {
        List<Map<String, String>> entries = new ArrayList<>();
        RouteErrors.available(() -> limiter.get().softBounceList()).forEach((client, until) -> {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("client", client);
            entry.put("until", until.toString());
            entries.add(entry);
        });
        return entries;
    }

    private Object add(Request request, Response response) {
        InetAddress client = client(request);
        Duration duration = duration(request);
        RouteErrors.available(() -> limiter.get().softBounce(client, duration));
        return Responses.returnNoContent(response);
    }

    private Object remove(Request request, Response response) {
        InetAddress client = client(request);
        RouteErrors.available(() -> limiter.get().removeSoftBounce(client));
        return Responses.returnNoContent(response);
    }

    private Object counters(Request request, Response response) {
        InetAddress client = client(request);
        return RouteErrors.available(() -> limiter.get().counters(client, request.queryParams("sender")));
    }

    private static InetAddress client(Request request) {
        String value = request.params(CLIENT);
        try {
            return IpAddresses.parseLiteral(value);
        } catch (IllegalArgumentException e) {
            throw RouteErrors.badRequest("The client must be an IP address, got '" + value + "'", e);
        }
    }

    private static Duration duration(Request request) {
        if (request.body() == null || request.body().isBlank()) {
            return Duration.ofHours(1);
        }
        String value = JsonBodies.scalar(JsonBodies.object(request), "duration");
        try {
            return ConfigValues.duration("duration", value);
        } catch (IllegalArgumentException e) {
            throw RouteErrors.badRequest(e.getMessage(), e);
        }
    }

    private Object showSettings(Request request, Response response) {
        return RouteErrors.available(() -> {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("file", settings.fileSettings());
            shown.put("overrides", settings.overrides());
            return shown;
        });
    }
}
