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

    /**
     * Letters, digits, hyphens and dots only, a letter or digit at either end, labels of 1 to 63
     * characters: a name that Unicode normalisation and IDN's ToASCII leave as it is (but for
     * case). Nearly every name in mail is one, and those steps showed in the load profile.
     */
    public static boolean isPlainAscii(String name) {
        int length = name.length();
        if (length == 0 || !isLetterOrDigit(name.charAt(0)) || !isLetterOrDigit(name.charAt(length - 1))) {
            return false;
        }
        int labelLength = 0;
        for (int i = 0; i < length; i++) {
            char c = name.charAt(i);
            if (c == '.') {
                if (labelLength == 0) {
                    return false;
                }
                labelLength = 0;
            } else if (isLetterOrDigit(c) || c == '-') {
                if (++labelLength > 63) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
}
