package org.tracewall.core.spf;

import java.util.Locale;

/** The seven results of RFC 7208 section 2.6. */
public enum SpfResult {
    NONE, NEUTRAL, PASS, FAIL, SOFTFAIL, TEMPERROR, PERMERROR;

    /** The lowercase name used in headers and in the RFC ({@code softfail}, {@code permerror} ...). */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code pass}, {@code softfail} ... (any case). */
    public static SpfResult fromCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT));
    }
}
