package org.tracewall.james.webadmin;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.apache.mailet.MailetContext;
import org.eclipse.jetty.http.HttpStatus;
import org.tracewall.core.report.DomainReport;
import org.tracewall.core.report.DomainReports;
import org.tracewall.james.OperatorMail;
import org.tracewall.james.TracewallRuntime;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * WebAdmin routes for the domain admins' reports of {@code report.*}: the configured reports, and
 * one sent now (a preview for the operator, or a report asked for; the regular one still goes when
 * due). Register in {@code webadmin.properties}:
 * {@code extensions.routes=org.tracewall.james.webadmin.ReportRoutes}.
 *
 * <pre>
 * GET  /tracewall/reports                 [{"name":"example","domain":"example.com","to":["admin@example.com"],"every":"day"}]
 * POST /tracewall/reports/example/send    {"to":["admin@example.com"],"subject":"[Tracewall] example.com: 1334 mails, ..."}
 * </pre>
 */
public class ReportRoutes implements Routes {
    public static final String BASE_PATH = "/tracewall/reports";
    static final String NAME = ":name";

    private final DomainReports reports;
    private final MailetContext context;
    private final String processor;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    public ReportRoutes(TracewallRuntime runtime, MailetContext context) {
        this.reports = runtime.engine().reports();
        this.context = context;
        this.processor = runtime.engine().alertConfig().mailProcessor();
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(BASE_PATH, (request, response) -> reports.specs().stream().map(spec -> {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("name", spec.name());
            shown.put("domain", spec.domain());
            shown.put("to", spec.to());
            shown.put("every", spec.every().name().toLowerCase(Locale.ROOT));
            return shown;
        }).collect(Collectors.toList()), json);
        service.post(BASE_PATH + "/" + NAME + "/send", this::send, json);
    }

    private Object send(Request request, Response response) throws IOException {
        String name = request.params(NAME);
        DomainReport report = RouteErrors.available(() -> reports.now(name)).orElseThrow(() -> ErrorResponder.builder()
            .statusCode(HttpStatus.NOT_FOUND_404).type(ErrorResponder.ErrorType.NOT_FOUND)
            .message("No report '%s' in report.*", name).haltError());
        new OperatorMail(context, processor).send(report.to(), report.subject(), report.text());
        Map<String, Object> sent = new LinkedHashMap<>();
        sent.put("to", report.to());
        sent.put("subject", report.subject());
        return sent;
    }
}
