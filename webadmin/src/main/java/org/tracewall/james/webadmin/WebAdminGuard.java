package org.tracewall.james.webadmin;

import java.util.Set;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.eclipse.jetty.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.config.WebAdminAccessConfig;
import org.tracewall.core.operator.Operation;
import org.tracewall.core.operator.OperationLog;
import org.tracewall.core.operator.OperatorSession;
import org.tracewall.james.TracewallRuntime;

import spark.HaltException;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * Keeps browser pages away from WebAdmin, for every route (James's and Tracewall's):
 * <ul>
 * <li>a request whose {@code Host} is not one of {@code webadmin.allowedHosts} gets 403: a page
 * that rebinds its own name to 127.0.0.1 (DNS rebinding) sends that name as Host;</li>
 * <li>a request with an {@code Origin} that is neither the server's own (the dashboard's pages)
 * nor one of {@code webadmin.allowedOrigins} (none by default) gets 403: browsers send Origin with
 * every cross-site request, scripts send none;</li>
 * <li>the {@code Access-Control-Allow-*} headers James 3.8.1 adds to every answer (its CORS
 * filter ignores {@code cors.enable}) are removed, except for an allowed origin.</li>
 * <li>every change that was carried out (a request other than GET, HEAD or OPTIONS answered
 * below 400), by whom (the dashboard's user, or the subject of the WebAdmin token James
 * checked), goes to the {@link OperationLog}.</li>
 * </ul>
 * Register it first in {@code webadmin.properties}:
 * {@code extensions.routes=org.tracewall.james.webadmin.WebAdminGuard,...}. It adds filters, no routes.
 */
public class WebAdminGuard implements Routes {
    public static final String BASE_PATH = "/tracewall/guard";
    private static final Logger LOGGER = LoggerFactory.getLogger(WebAdminGuard.class);
    private static final String[] CORS_HEADERS = {"Access-Control-Allow-Origin", "Access-Control-Allow-Methods",
        "Access-Control-Allow-Headers", "Access-Control-Allow-Credentials", "Access-Control-Expose-Headers"};

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final WebAdminAccessConfig access;
    private final OperationLog operations;

    @Inject
    public WebAdminGuard(TracewallRuntime runtime) {
        this(runtime.webAdminAccess(), runtime.operations());
    }

    WebAdminGuard(WebAdminAccessConfig access, OperationLog operations) {
        this.access = access;
        this.operations = operations;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.before(this::guard);
        service.afterAfter(this::record);
    }

    /**
     * The server's own pages may call it: their origin names the very Host the request came to
     * (the scheme is left out: behind a proxy that ends TLS the page is https, the request http).
     */
    private boolean isAllowed(Request request, String origin) {
        String host = origin.trim().replaceFirst("^https?://", "");
        return access.isAllowedOrigin(origin) || host.equalsIgnoreCase(String.valueOf(request.headers("Host")));
    }

    /**
     * After every request, halted ones too (James's routes answer many changes with a halt):
     * those carried out are logged. Only Tracewall's own bodies are kept: James's carry passwords
     * (users, password checks), Tracewall's none but the sign-in's, which is not kept either.
     */
    private void record(Request request, Response response) {
        if (READS.contains(request.requestMethod()) || DashboardRoutes.SESSION.equals(request.pathInfo())) {
            return;
        }
        int status = response.status() == 0 ? HttpStatus.OK_200 : response.status();
        if (status >= HttpStatus.BAD_REQUEST_400) {
            return;
        }
        Object operator = request.attribute(DashboardRoutes.OPERATOR);
        String who = operator instanceof OperatorSession ? ((OperatorSession) operator).user() : TokenSubject.of(request.headers("Authorization"));
        String query = request.queryString() == null ? "" : "?" + request.queryString();
        operations.record(new Operation(operations.now(), who, operator == null ? "webadmin" : "dashboard",
            request.requestMethod() + " " + request.pathInfo() + query, status,
            request.pathInfo().startsWith(MountedRoutes.OWN_PREFIX + "/") ? request.body() : ""));
    }

    private void guard(Request request, Response response) {
        String origin = request.headers("Origin");
        if (origin != null && isAllowed(request, origin)) {
            response.raw().setHeader("Access-Control-Allow-Origin", origin.trim());
            response.raw().setHeader("Vary", "Origin");
        } else {
            for (String header : CORS_HEADERS) {
                response.raw().setHeader(header, null);
            }
        }
        String host = request.headers("Host");
        if (!access.isAllowedHost(host)) {
            throw refusal("Host '" + printable(host) + "' is not one of webadmin.allowedHosts in tracewall.properties");
        }
        if (origin != null && !isAllowed(request, origin)) {
            throw refusal("Origin '" + printable(origin) + "' is not one of webadmin.allowedOrigins in tracewall.properties");
        }
    }

    private static HaltException refusal(String message) {
        LOGGER.warn("WebAdmin request refused: {}", message);
        return ErrorResponder.builder()
            .statusCode(HttpStatus.FORBIDDEN_403)
            .type(ErrorResponder.ErrorType.INVALID_ARGUMENT)
            .message(message)
            .haltError();
    }

    private static String printable(String text) {
        return text == null ? "" : text.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
