package org.tracewall.james.webadmin;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.inject.Inject;

import org.apache.james.domainlist.api.DomainList;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.apache.mailet.MailetContext;
import org.eclipse.jetty.http.HttpStatus;
import org.tracewall.core.quarantine.ReleaseTokens;
import org.tracewall.james.TracewallRuntime;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * WebAdmin routes for the quarantine's reminder digests (提醒信). Run the digest from
 * cron; each local recipient of held mail gets one message listing it, with signed release links
 * that expire ({@code quarantine.linkLifetime}) and work only for that recipient, authenticated
 * ({@code ReleaseFromQuarantine}). Register in {@code webadmin.properties}:
 * {@code extensions.routes=org.tracewall.james.webadmin.QuarantineRoutes}.
 *
 * <pre>
 * GET  /tracewall/quarantine            {"repository":"file://var/mail/quarantine/","quarantined":3,"linkLifetimeHours":168}
 * POST /tracewall/quarantine/digests    {"quarantined":3,"recipients":2,"digestsSent":2,"nonLocalRecipients":0}
 * </pre>
 */
public class QuarantineRoutes implements Routes {
    public static final String BASE_PATH = "/tracewall/quarantine";

    private final TracewallRuntime runtime;
    private final QuarantineDigests digests;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    public QuarantineRoutes(TracewallRuntime runtime, MailRepositoryStore repositories, MailetContext mailetContext,
                            DomainList domains) {
        this.runtime = runtime;
        this.digests = new QuarantineDigests(repositories, mailetContext, domains, runtime.quarantine());
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(BASE_PATH, this::status, json);
        service.post(BASE_PATH + "/digests", this::sendDigests, json);
    }

    private Object status(Request request, Response response) throws Exception {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("repository", runtime.quarantine().repository());
        status.put("quarantined", digests.repository().size());
        status.put("linkLifetimeHours", runtime.quarantine().linkLifetime().toHours());
        return status;
    }

    private Object sendDigests(Request request, Response response) {
        ReleaseTokens tokens = RouteErrors.available(runtime::releaseTokens);
        try {
            return digests.send(tokens, runtime.now()).asJson();
        } catch (Exception e) {
            throw ErrorResponder.builder().statusCode(HttpStatus.INTERNAL_SERVER_ERROR_500)
                .type(ErrorResponder.ErrorType.SERVER_ERROR).message("Digests not sent: %s", e.getMessage())
                .cause(e).haltError();
        }
    }
}
