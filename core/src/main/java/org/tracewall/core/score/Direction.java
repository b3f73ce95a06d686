package org.tracewall.core.score;

import java.util.Locale;

/**
 * Which way a message goes (one gateway protects "outside in, inside out, inside
 * to inside"). A sender is local when it authenticated or came from a trusted network.
 */
public enum Direction {
    /** From outside to our domains. */
    INBOUND,
    /** From a local sender to at least one remote recipient. */
    OUTBOUND,
    /** From a local sender to local recipients only. */
    INTERNAL;

    public static Direction of(boolean localSender, boolean allRecipientsLocal) {
        if (!localSender) {
            return INBOUND;
        }
        return allRecipientsLocal ? INTERNAL : OUTBOUND;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Direction fromCode(String code) {
        try {
            return valueOf(code.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown direction '" + code.trim() + "' (inbound, outbound or internal)", e);
        }
    }
}
