package org.tracewall.core.quarantine;

/** A release token that must not be honoured: malformed, forged (bad signature) or expired. */
public final class InvalidReleaseTokenException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why, in one word, for logs and replies. */
    public enum Reason { MALFORMED, FORGED, EXPIRED }

    private final Reason reason;

    public InvalidReleaseTokenException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
