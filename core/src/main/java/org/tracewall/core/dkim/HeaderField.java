package org.tracewall.core.dkim;

import java.util.Locale;

/**
 * One header field exactly as it arrived: its name, and its raw text from the name to the final
 * CRLF, folding included, bytes one to one as ISO-8859-1 chars (signatures are over bytes).
 */
public final class HeaderField {
    private final String name;
    private final String raw;

    HeaderField(String name, String raw) {
        this.name = name;
        this.raw = raw;
    }

    public String name() {
        return name;
    }

    /** The name lower-cased, for the case-insensitive matches of h= and of DMARC's From. */
    public String lowerName() {
        return name.toLowerCase(Locale.ROOT);
    }

    /** "Name: value\r\n", as received. */
    public String raw() {
        return raw;
    }

    /** The value after the colon, folding included, without the final CRLF. */
    public String value() {
        String value = raw.substring(raw.indexOf(':') + 1);
        return value.endsWith("\r\n") ? value.substring(0, value.length() - 2) : value;
    }
}
