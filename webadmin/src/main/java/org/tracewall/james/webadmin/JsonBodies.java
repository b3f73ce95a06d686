package org.tracewall.james.webadmin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import spark.Request;

/** The JSON bodies of Tracewall's routes, read one way: a body or a field that is not what it must be is a 400 naming it. */
final class JsonBodies {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonBodies() {
    }

    /** The body, which must be one JSON object. */
    static JsonNode object(Request request) {
        JsonNode body;
        try {
            body = MAPPER.readTree(request.body());
        } catch (IOException e) {
            throw RouteErrors.badRequest("The body is not JSON: " + e.getMessage(), e);
        }
        if (body == null || !body.isObject()) {
            throw RouteErrors.badRequest("The body must be a JSON object", null);
        }
        return body;
    }

    /** A field that is a number or a string, as text. */
    static String scalar(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull() || value.isContainerNode()) {
            throw RouteErrors.badRequest("Missing field '" + name + "' (a number or a string)", null);
        }
        return value.asText();
    }

    /**
     * A body of settings, {"rate.messagesPer15m": 100, ...}: every field a key, its scalar value the
     * setting (the section's schema checks them).
     */
    static Map<String, String> settings(Request request, String example) {
        JsonNode body = object(request);
        Map<String, String> settings = new LinkedHashMap<>();
        body.fieldNames().forEachRemaining(key -> settings.put(key, scalar(body, key)));
        if (settings.isEmpty()) {
            throw RouteErrors.badRequest("No setting to change: " + example, null);
        }
        return settings;
    }

    /** A field that is a list of one or more strings. */
    static List<String> strings(JsonNode body, String name) {
        JsonNode values = body.get(name);
        if (values == null || !values.isArray() || values.isEmpty()) {
            throw RouteErrors.badRequest("Missing field '" + name + "' (a list of one or more strings)", null);
        }
        List<String> strings = new ArrayList<>();
        values.forEach(value -> strings.add(value.asText()));
        return strings;
    }
}
