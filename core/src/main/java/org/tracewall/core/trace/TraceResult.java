package org.tracewall.core.trace;

import java.util.Locale;

/** Whether a message's source could be traced to the domain it claims. */
public enum TraceResult {
    /** The client is shown to belong to the identity domain. */
    TRACEABLE("pass"),
    /** The client is shown not to belong, or nothing ties it to the domain. */
    UNTRACEABLE("fail"),
    /** The evidence neither shows nor refutes it (e.g. SPF neutral, as configured). */
    UNKNOWN("neutral"),
    /** DNS trouble: ask again later (SMTP 4xx), never a reject. */
    TEMPERROR("temperror");

    private final String authResultsCode;

    TraceResult(String authResultsCode) {
        this.authResultsCode = authResultsCode;
    }

    /** The RFC 8601 result word for the {@code x-traceability} method. */
    public String authResultsCode() {
        return authResultsCode;
    }

    /** Lowercase name, as written in headers and configuration. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "traceable", "untraceable", "unknown", "temperror" (any case). */
    public static TraceResult fromCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT));
    }
}
