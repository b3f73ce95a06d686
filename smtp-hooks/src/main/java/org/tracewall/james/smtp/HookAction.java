package org.tracewall.james.smtp;

import java.util.Locale;

import org.apache.commons.configuration2.ex.ConfigurationException;

/** What an SMTP hook does with a verdict: refuse for good, ask to retry, or let the mail in (marked). */
public enum HookAction {
    REJECT, DEFER, ACCEPT;

    /** Parses "reject", "defer" or "accept"; the error names the configuration element. */
    public static HookAction parse(String element, String value) throws ConfigurationException {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Invalid <" + element + ">" + value + "</" + element
                + "> (expected reject, defer or accept)");
        }
    }
}
