package org.tracewall.james.webadmin;

import org.apache.james.webadmin.Routes;

import spark.Service;

/**
 * Routes that can be defined under another base path as well as their own: the dashboard
 * serves the same handlers under {@code /tracewall/ui/api}, behind its own sign-in and roles,
 * so that WebAdmin and the dashboard answer a request the same way.
 */
interface MountedRoutes extends Routes {
    String OWN_PREFIX = "/tracewall";

    /** Defines every route under {@code base} in place of {@link #getBasePath()}. */
    void define(Service service, String base);

    @Override
    default void define(Service service) {
        define(service, getBasePath());
    }

    /** This base path under another prefix: {@code /tracewall/score} under {@code /tracewall/ui/api} is {@code /tracewall/ui/api/score}. */
    default String basePathUnder(String prefix) {
        return prefix + getBasePath().substring(OWN_PREFIX.length());
    }
}
