package org.tracewall.core.store;

/** The store cannot answer now (server down, disk full ...): callers fail open. */
public final class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
