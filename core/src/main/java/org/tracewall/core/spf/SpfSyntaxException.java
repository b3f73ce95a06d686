package org.tracewall.core.spf;

/** A record or macro that does not follow RFC 7208's grammar: the check ends in {@code permerror}. */
public final class SpfSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    public SpfSyntaxException(String message) {
        super(message);
    }
}
