package org.tracewall.james.webadmin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.apache.james.webadmin.Routes;

import spark.Service;

/**
 * The OpenAPI 3 description of Tracewall's WebAdmin routes, served beside them at
 * {@code GET /tracewall/openapi.json} (for Swagger UI, Postman, or code generators). It is a
 * resource written by hand; {@code OpenApiDescriptionTest} holds it to exactly the routes the
 * route classes define. Register in {@code webadmin.properties}:
 * {@code extensions.routes=org.tracewall.james.webadmin.OpenApiRoutes}.
 */
public class OpenApiRoutes implements Routes {
    public static final String BASE_PATH = "/tracewall/openapi.json";
    static final String RESOURCE = "openapi.json";

    private final String description = read();

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(BASE_PATH, (request, response) -> {
            response.type("application/json");
            return description;
        });
    }

    private static String read() {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
