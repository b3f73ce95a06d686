package org.tracewall.james.webadmin;

import spark.Request;

/** The query parameters of Tracewall's routes, read one way: a value that is not what it must be is a 400 naming it. */
final class QueryParameters {
    private QueryParameters() {
    }

    /** A whole number from {@code min} to {@code max}; {@code absent} when the parameter is not given. */
    static int wholeNumber(Request request, String name, int absent, int min, int max) {
        String value = request.queryParams(name);
        if (value == null) {
            return absent;
        }
        int number;
        try {
            number = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw RouteErrors.badRequest("'" + name + "' must be a whole number, not " + value, e);
        }
        if (number < min || number > max) {
            throw RouteErrors.badRequest("'" + name + "' must be " + min + " to " + max + ", not " + value, null);
        }
        return number;
    }
}
