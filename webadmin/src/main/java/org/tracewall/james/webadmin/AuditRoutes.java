package org.tracewall.james.webadmin;

import java.net.InetAddress;

import javax.inject.Inject;

import org.apache.james.webadmin.utils.JsonTransformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.audit.AuditReport;
import org.tracewall.core.audit.SenderAudit;
import org.tracewall.core.helo.HeloPtrChecker;
import org.tracewall.core.net.IpAddresses;
import org.tracewall.core.spf.SpfEvaluator;
import org.tracewall.james.TracewallRuntime;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * WebAdmin route for the server audit and blacklist monitoring: how the world's
 * receivers see mail this server sends from an address for a domain. Run it from cron for every
 * outgoing address; {@code "ok": false} lists the problems in words. The DNS lists are those of
 * {@code dnsbl.*}. Register in {@code webadmin.properties}:
 * {@code extensions.routes=org.tracewall.james.webadmin.AuditRoutes}.
 *
 * <pre>
 * GET /tracewall/audit?ip=192.0.2.10&amp;domain=example.com&amp;helo=mx.example.com
 * {"ip":"192.0.2.10","domain":"example.com","helo":"mx.example.com","ok":false,
 *  "problems":["192.0.2.10 is listed on zen (127.0.0.4)"],"dnsLists":{...},"reverseDns":{...},"spf":{...},"traceability":{...}}
 * </pre>
 */
public class AuditRoutes implements MountedRoutes {
    public static final String BASE_PATH = "/tracewall/audit";
    private static final Logger LOGGER = LoggerFactory.getLogger(AuditRoutes.class);

    private final SenderAudit audit;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    public AuditRoutes(TracewallRuntime runtime) {
        this(new SenderAudit(runtime::dnsLists, new HeloPtrChecker(runtime.dns()), new SpfEvaluator(runtime.dns()),
            runtime.traceability()));
    }

    AuditRoutes(SenderAudit audit) {
        this.audit = audit;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service, String base) {
        service.get(base, this::audit, json);
    }

    private Object audit(Request request, Response response) {
        InetAddress ip;
        try {
            ip = IpAddresses.parseLiteral(required(request, "ip"));
        } catch (IllegalArgumentException e) {
            throw RouteErrors.badRequest("Invalid 'ip': " + e.getMessage(), e);
        }
        String domain = required(request, "domain");
        String helo = request.queryParams("helo") == null || request.queryParams("helo").isBlank() ? domain : request.queryParams("helo");
        AuditReport report = audit.audit(ip, domain, helo);
        LOGGER.info("tracewall-audit ip={} domain={} ok={} problems={}", ip.getHostAddress(), domain, report.ok(),
            report.problems().size());
        return report.asMap();
    }

    private static String required(Request request, String name) {
        String value = request.queryParams(name);
        if (value == null || value.isBlank()) {
            throw RouteErrors.badRequest("Missing query parameter '" + name + "'", null);
        }
        return value.trim();
    }
}
