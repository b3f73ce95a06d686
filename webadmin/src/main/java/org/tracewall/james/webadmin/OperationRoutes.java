package org.tracewall.james.webadmin;

import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.webadmin.utils.JsonTransformer;
import org.tracewall.core.operator.Operation;
import org.tracewall.core.operator.OperationLog;
import org.tracewall.james.TracewallRuntime;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * WebAdmin route for the operation log: every change made through WebAdmin or the dashboard
 * (who, what, when, how it was answered), and every dashboard sign-in, newest first. {@link
 * WebAdminGuard} writes it. Register in {@code webadmin.properties}:
 * {@code extensions.routes=org.tracewall.james.webadmin.OperationRoutes}.
 *
 * <pre>
 * GET /tracewall/operations?days=7&amp;limit=200
 *     [{"at":"2026-12-04T15:02:11.120Z","who":"admin@tracewall.local","via":"dashboard",
 *       "action":"PUT /tracewall/ui/api/score/weights/NO_PTR","status":204,"detail":"{\"weight\": 3}"}, ...]
 * </pre>
 */
public class OperationRoutes implements MountedRoutes {
    public static final String BASE_PATH = "/tracewall/operations";
    static final int DEFAULT_DAYS = 7;
    static final int DEFAULT_LIMIT = 200;
    static final int MAX_LIMIT = 5000;

    private final OperationLog operations;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    public OperationRoutes(TracewallRuntime runtime) {
        this(runtime.operations());
    }

    OperationRoutes(OperationLog operations) {
        this.operations = operations;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service, String base) {
        service.get(base, this::recent, json);
    }

    private Object recent(Request request, Response response) {
        int days = QueryParameters.wholeNumber(request, "days", DEFAULT_DAYS, 1, 366);
        int limit = QueryParameters.wholeNumber(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        return RouteErrors.available(() -> operations.recent(days, limit).stream().map(Operation::asMap).collect(Collectors.toList()));
    }
}
