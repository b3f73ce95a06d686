package org.tracewall.core.domain;

import java.util.regex.Pattern;

/**
 * Whether text is a DNS host name as mail carries it: at most 253 characters, at least two labels,
 * each 1 to 63 letters, digits, '-' or '_' (SRV-style and some real hosts), not starting or ending
 * with '-'. Checked on every MAIL FROM and HELO, so the pattern is compiled once.
 */
public final class DomainNames {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?");

    private DomainNames() {
    }

    /** Every label well formed, and at least one dot; an address literal ({@code [..]}) is not a name. */
    public static boolean isHostName(String name) {
        if (name.isEmpty() || name.length() > 253 || name.indexOf('.') < 0 || name.startsWith("[")) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (label.length() > 63 || !LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }
}
