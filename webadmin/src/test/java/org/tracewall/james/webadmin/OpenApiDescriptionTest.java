package org.tracewall.james.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.apache.james.webadmin.Routes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracewall.james.TracewallRuntime;
import org.tracewall.james.testing.TestRuntimes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import spark.Service;
import spark.routematch.RouteMatch;

/**
 * The OpenAPI description served beside the routes names every route Tracewall defines, and
 * nothing it does not: the routes are defined on a real Spark service and listed from it.
 */
class OpenApiDescriptionTest {
    private Service service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.stop();
        }
    }

    static List<Routes> allRoutes(TracewallRuntime runtime) {
        return List.of(new GreylistRoutes(runtime), new RateRoutes(runtime), new QuarantineRoutes(runtime, null, null, null),
            new QuarantineMailRoutes(runtime, null, null), new AuditRoutes(runtime), new FingerprintRoutes(runtime), new ScoreRoutes(runtime),
            new DnsListRoutes(runtime), new HoneypotRoutes(runtime), new StatsRoutes(runtime), new OperationRoutes(runtime),
            new ReportRoutes(runtime, null), new TraceabilityRoutes(runtime), new AccessRoutes(runtime),
            new OpenApiRoutes());
    }

    @Test
    void theDescriptionShouldNameExactlyTheRoutesDefined(@TempDir Path root) throws Exception {
        TracewallRuntime runtime = TestRuntimes.memoryStore(root, () -> 1_700_000_000_000L);
        service = Service.ignite().port(0);
        allRoutes(runtime).forEach(routes -> routes.define(service));
        Set<String> defined = new TreeSet<>();
        for (RouteMatch route : service.routes()) {
            String method = route.getHttpMethod().name().toUpperCase(Locale.ROOT);
            if (route.getMatchUri().startsWith("/tracewall/") && !method.equals("BEFORE") && !method.equals("AFTER")
                && !method.equals("AFTERAFTER")) {
                defined.add(method + " " + route.getMatchUri().replaceAll(":([a-z]+)", "{$1}").replace("*", "{entry}"));
            }
        }

        Set<String> documented = new TreeSet<>();
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(OpenApiRoutes.RESOURCE)) {
            JsonNode paths = new ObjectMapper().readTree(in).get("paths");
            for (Iterator<String> names = paths.fieldNames(); names.hasNext();) {
                String path = names.next();
                paths.get(path).fieldNames().forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path));
            }
        }

        assertThat(documented).isEqualTo(defined);
    }
}
