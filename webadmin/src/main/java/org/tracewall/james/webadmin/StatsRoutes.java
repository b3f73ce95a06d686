package org.tracewall.james.webadmin;

import javax.inject.Inject;

import org.apache.james.webadmin.utils.JsonTransformer;
import org.tracewall.core.stats.DecisionStats;
import org.tracewall.james.TracewallRuntime;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * WebAdmin route for the statistics of the final decisions, kept by hour in the state store for
 * {@code stats.retention} (every node adds to the same hours): totals per action, the top
 * symbols, sender domains and clients, and the actions hour by hour. Register in
 * {@code webadmin.properties}: {@code extensions.routes=org.tracewall.james.webadmin.StatsRoutes}.
 *
 * <pre>
 * GET /tracewall/stats?hours=24
 *     {"hours":24,"actions":{"accept":310,"reject":42},"topSymbols":{"TRACE_TRACEABLE":280,...},
 *      "topSenderDomains":{...},"topClients":{...},"actionsByHour":{"2026-12-03T18:00:00Z":{"accept":12},...}}
 * </pre>
 */
public class StatsRoutes implements MountedRoutes {
    public static final String BASE_PATH = "/tracewall/stats";
    static final int DEFAULT_HOURS = 24;

    private final DecisionStats stats;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    public StatsRoutes(TracewallRuntime runtime) {
        this(runtime.stats());
    }

    StatsRoutes(DecisionStats stats) {
        this.stats = stats;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service, String base) {
        service.get(base, this::summary, json);
    }

    private Object summary(Request request, Response response) {
        int hours = QueryParameters.wholeNumber(request, "hours", DEFAULT_HOURS, 1, Integer.MAX_VALUE);
        return RouteErrors.available(() -> stats.summary(hours).asMap());
    }
}
