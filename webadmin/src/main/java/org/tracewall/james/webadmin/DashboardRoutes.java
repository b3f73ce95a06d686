package org.tracewall.james.webadmin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.webadmin.PublicRoutes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.apache.james.webadmin.utils.Responses;
import org.apache.mailet.MailetContext;
import org.eclipse.jetty.http.HttpStatus;
import org.tracewall.core.auth.AuthThrottle;
import org.tracewall.core.config.WebAdminAccessConfig;
import org.tracewall.core.operator.Operation;
import org.tracewall.core.operator.OperationLog;
import org.tracewall.core.operator.OperatorRole;
import org.tracewall.core.operator.OperatorSession;
import org.tracewall.core.operator.OperatorSessions;
import org.tracewall.james.TracewallRuntime;

import com.fasterxml.jackson.databind.JsonNode;

import spark.HaltException;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The dashboard: a web page served by WebAdmin at {@code /tracewall/ui/}, for people who sign in
 * with their James user name and password (no token, no other install). It shows the decisions
 * over time, the quarantine (preview, release, delete), the scoring and the greylist whitelists
 * (editable), the server audit and the operation log. Its API, under {@code /tracewall/ui/api},
 * is WebAdmin's own Tracewall routes mounted a second time behind the sign-in and a role
 * ({@code webadmin.admins}, {@code webadmin.auditors}):
 * <ul>
 * <li>admin: everything;</li>
 * <li>auditor: every GET, no change (403);</li>
 * <li>user: the quarantine of their own address only (list, preview, release to themselves).</li>
 * </ul>
 * The session is a random token in an HttpOnly, SameSite=Strict cookie, kept in the state store
 * (every node knows it); a change must also carry the {@code X-Tracewall-Dashboard} header, which
 * a page of another site cannot send without a CORS grant that is never made. Failed sign-ins
 * count against the same limits as SMTP AUTH ({@code auth.*}). Every sign-in and every change goes
 * to the operation log. Register in {@code webadmin.properties}, after {@link WebAdminGuard}:
 * {@code extensions.routes=org.tracewall.james.webadmin.WebAdminGuard,org.tracewall.james.webadmin.DashboardRoutes}.
 *
 * <pre>
 * GET    /tracewall/ui/                                       the page
 * POST   /tracewall/ui/session   {"user": "bob@example.com", "password": "..."}   {"user":...,"role":"user"} + cookie
 * DELETE /tracewall/ui/session                                                    204
 * GET    /tracewall/ui/api/me                                 {"user":...,"role":...,"address":...}
 * GET    /tracewall/ui/api/stats, /quarantine/mails, /score, /greylist, /dnsbl, /honeypot, /audit, /operations ... as WebAdmin's
 * </pre>
 */
public class DashboardRoutes implements PublicRoutes {
    public static final String BASE_PATH = "/tracewall/ui";
    static final String SESSION = BASE_PATH + "/session";
    static final String API = BASE_PATH + "/api";
    static final String COOKIE = "tracewall_session";
    static final String CHANGE_HEADER = "X-Tracewall-Dashboard";
    /** A request attribute: the {@link OperatorSession} of a dashboard API request. */
    static final String OPERATOR = "tracewall.operator";
    private static final String PAGES = "/org/tracewall/james/webadmin/dashboard/";
    private static final Map<String, String> FILES = Map.of("index.html", "text/html; charset=utf-8",
        "app.js", "text/javascript; charset=utf-8", "app.css", "text/css; charset=utf-8");
    private static final String SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        + "img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    /** What a user may ask: the list and a preview of held mail, and its release, nothing else of the API. */
    private static final Pattern OWN_QUARANTINE_READ = Pattern.compile("/quarantine/mails(/[^/]+)?");
    private static final Pattern OWN_QUARANTINE_RELEASE = Pattern.compile("/quarantine/mails/[^/]+/release");

    private final UsersRepository users;
    private final WebAdminAccessConfig access;
    private final OperatorSessions sessions;
    private final AuthThrottle throttle;
    private final OperationLog operations;
    private final List<MountedRoutes> mounted;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    public DashboardRoutes(TracewallRuntime runtime, UsersRepository users, MailRepositoryStore repositories, MailetContext context) {
        this.users = users;
        this.access = runtime.webAdminAccess();
        this.sessions = runtime.operatorSessions();
        this.throttle = runtime.authThrottle();
        this.operations = runtime.operations();
        this.mounted = List.of(new StatsRoutes(runtime), new QuarantineMailRoutes(runtime, repositories, context), new ScoreRoutes(runtime),
            new GreylistRoutes(runtime), new AuditRoutes(runtime), new OperationRoutes(runtime), new DnsListRoutes(runtime),
            new HoneypotRoutes(runtime));
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.redirect.get(BASE_PATH, BASE_PATH + "/");
        service.get(BASE_PATH + "/", (request, response) -> page(response, "index.html"));
        service.get(BASE_PATH + "/:file", (request, response) -> page(response, request.params(":file")));
        service.post(SESSION, this::signIn, json);
        service.delete(SESSION, this::signOut);
        service.before(API + "/*", this::authorize);
        service.get(API + "/me", this::me, json);
        mounted.forEach(routes -> routes.define(service, routes.basePathUnder(API)));
    }

    private Object page(Response response, String file) throws IOException {
        String type = FILES.get(file);
        if (type == null) {
            throw ErrorResponder.builder().statusCode(HttpStatus.NOT_FOUND_404).type(ErrorResponder.ErrorType.NOT_FOUND)
                .message("No page '%s'", file).haltError();
        }
        try (InputStream in = DashboardRoutes.class.getResourceAsStream(PAGES + file)) {
            response.type(type);
            response.header("Content-Security-Policy", SECURITY_POLICY);
            response.header("X-Content-Type-Options", "nosniff");
            response.header("Referrer-Policy", "no-referrer");
            response.header("Cache-Control", "no-store");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Object signIn(Request request, Response response) {
        JsonNode body = JsonBodies.object(request);
        String user = JsonBodies.scalar(body, "user").trim();
        String password = JsonBodies.scalar(body, "password");
        Optional<String> refused = throttle.reserve(request.ip(), user);
        if (refused.isPresent()) {
            throw signInRefused(user, HttpStatus.TOO_MANY_REQUESTS_429, refused.get());
        }
        if (!passwordMatches(user, password)) {
            throw signInRefused(user, HttpStatus.UNAUTHORIZED_401, "Wrong user name or password");
        }
        throttle.succeeded(request.ip(), user);
        OperatorSession session = new OperatorSession(user, access.roleOf(user));
        String token = RouteErrors.available(() -> sessions.open(session));
        response.raw().addHeader("Set-Cookie", COOKIE + "=" + token + "; Path=" + BASE_PATH + "; Max-Age=" + sessions.lifetime().toSeconds()
            + "; HttpOnly; SameSite=Strict" + ("https".equals(request.raw().getScheme()) ? "; Secure" : ""));
        operations.record(new Operation(operations.now(), user, "dashboard", "sign-in as " + session.role().label(), HttpStatus.OK_200, ""));
        return Map.of("user", user, "role", session.role().label());
    }

    private boolean passwordMatches(String user, String password) {
        try {
            return users.test(Username.of(user), password);
        } catch (IllegalArgumentException e) {
            return false;
        } catch (UsersRepositoryException e) {
            throw ErrorResponder.builder().statusCode(HttpStatus.SERVICE_UNAVAILABLE_503).type(ErrorResponder.ErrorType.SERVER_ERROR)
                .message("Users unavailable: %s", e.getMessage()).cause(e).haltError();
        }
    }

    private HaltException signInRefused(String user, int status, String message) {
        operations.record(new Operation(operations.now(), user, "dashboard", "sign-in refused", status, message));
        return ErrorResponder.builder().statusCode(status).type(ErrorResponder.ErrorType.INVALID_ARGUMENT).message(message).haltError();
    }

    private Object signOut(Request request, Response response) {
        RouteErrors.available(() -> sessions.close(request.cookie(COOKIE)));
        response.raw().addHeader("Set-Cookie", COOKIE + "=; Path=" + BASE_PATH + "; Max-Age=0; HttpOnly; SameSite=Strict");
        return Responses.returnNoContent(response);
    }

    private Object me(Request request, Response response) {
        OperatorSession session = request.attribute(OPERATOR);
        return Map.of("user", session.user(), "role", session.role().label(), "address", address(session.user()).orElse(""));
    }

    /** Signed in, with a role that allows this request; a user's quarantine requests are limited to their address. */
    private void authorize(Request request, Response response) {
        OperatorSession session = RouteErrors.available(() -> sessions.find(request.cookie(COOKIE)))
            .orElseThrow(() -> refusal(HttpStatus.UNAUTHORIZED_401, "Sign in first"));
        boolean read = "GET".equals(request.requestMethod());
        if (!read && !"1".equals(request.headers(CHANGE_HEADER))) {
            throw refusal(HttpStatus.FORBIDDEN_403, "A change needs the " + CHANGE_HEADER + " header");
        }
        // The path as the router matches it (still encoded), so that an encoded slash cannot pass for one here.
        String path = request.uri().substring(API.length());
        if (session.role() == OperatorRole.AUDITOR && !read) {
            throw refusal(HttpStatus.FORBIDDEN_403, "An auditor changes nothing");
        }
        if (session.role() == OperatorRole.USER) {
            boolean own = read && (path.equals("/me") || OWN_QUARANTINE_READ.matcher(path).matches())
                || "POST".equals(request.requestMethod()) && OWN_QUARANTINE_RELEASE.matcher(path).matches();
            if (!own) {
                throw refusal(HttpStatus.FORBIDDEN_403, "A user sees only the quarantine of their own address");
            }
            request.attribute(QuarantineMailRoutes.ONLY_FOR, address(session.user())
                .orElseThrow(() -> refusal(HttpStatus.FORBIDDEN_403, "The user " + session.user() + " has no mail address")));
        }
        request.attribute(OPERATOR, session);
    }

    private Optional<String> address(String user) {
        try {
            return Optional.of(users.getMailAddressFor(Username.of(user))).map(MailAddress::asString);
        } catch (UsersRepositoryException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static HaltException refusal(int status, String message) {
        return ErrorResponder.builder().statusCode(status).type(ErrorResponder.ErrorType.INVALID_ARGUMENT).message(message).haltError();
    }
}
