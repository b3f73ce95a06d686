package org.tracewall.james.webadmin;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;

import org.apache.james.webadmin.utils.Responses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.config.LiveSettings;

import spark.Response;

/**
 * A run-time change of one section's settings as the routes answer it: 204 once kept in the
 * store (every node applies it within the refresh), 400 naming the bad key (nothing kept), 503
 * when the store does not answer; and one line in the admin log.
 */
final class LiveChanges {
    private static final Logger LOGGER = LoggerFactory.getLogger(LiveChanges.class);

    private LiveChanges() {
    }

    static Object set(LiveSettings<?> settings, Map<String, String> changes, Response response) {
        try {
            RouteErrors.available(() -> settings.set(changes));
        } catch (IllegalArgumentException e) {
            throw RouteErrors.badRequest(e.getMessage(), e);
        }
        LOGGER.info("tracewall-admin set {}", changes);
        return Responses.returnNoContent(response);
    }

    /** A change computed from the settings in effect as the store holds them ({@link LiveSettings#update}). */
    static <T> Object update(LiveSettings<T> settings, Function<T, Map<String, String>> changes, Response response) {
        try {
            RouteErrors.available(() -> settings.update(changes));
        } catch (IllegalArgumentException e) {
            throw RouteErrors.badRequest(e.getMessage(), e);
        }
        LOGGER.info("tracewall-admin updated {}", settings.overrides().keySet());
        return Responses.returnNoContent(response);
    }

    static Object remove(LiveSettings<?> settings, Collection<String> keys, Response response) {
        try {
            RouteErrors.available(() -> settings.remove(keys));
        } catch (IllegalArgumentException e) {
            throw RouteErrors.badRequest(e.getMessage(), e);
        }
        LOGGER.info("tracewall-admin removed {}", keys);
        return Responses.returnNoContent(response);
    }
}
