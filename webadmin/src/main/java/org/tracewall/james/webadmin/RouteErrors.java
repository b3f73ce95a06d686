package org.tracewall.james.webadmin;

import java.util.function.Supplier;

import org.apache.james.webadmin.utils.ErrorResponder;
import org.eclipse.jetty.http.HttpStatus;
import org.tracewall.core.store.StoreUnavailableException;

/** The error replies Tracewall's routes share, in James's WebAdmin format. */
final class RouteErrors {
    private RouteErrors() {
    }

    /** Runs a store operation; a store that is down answers 503 instead of a stack trace. */
    static <T> T available(Supplier<T> action) {
        try {
            return action.get();
        } catch (StoreUnavailableException e) {
            throw ErrorResponder.builder().statusCode(HttpStatus.SERVICE_UNAVAILABLE_503)
                .type(ErrorResponder.ErrorType.SERVER_ERROR).message("State store unavailable: %s", e.getMessage())
                .cause(e).haltError();
        }
    }

    /** Runs a store operation that returns nothing. */
    static void available(Runnable action) {
        available(() -> {
            action.run();
            return Boolean.TRUE;
        });
    }

    /** A 400 reply; {@code cause} may be null. */
    static RuntimeException badRequest(String message, Exception cause) {
        ErrorResponder error = ErrorResponder.builder().statusCode(HttpStatus.BAD_REQUEST_400)
            .type(ErrorResponder.ErrorType.INVALID_ARGUMENT).message(message);
        return (cause == null ? error : error.cause(cause)).haltError();
    }
}
