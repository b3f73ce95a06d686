package org.tracewall.core.rate;

import java.util.Map;

import org.tracewall.core.config.ConfigValues;

/** The limits of one policy group; 0 means unlimited. */
public final class Limits {
    static final String MESSAGES_PER_15M = "messagesPer15m";
    static final String MESSAGES_PER_DAY = "messagesPerDay";
    static final String SENDER_MESSAGES_PER_15M = "senderMessagesPer15m";
    static final String USER_MESSAGES_PER_15M = "userMessagesPer15m";
    static final String RECIPIENTS_PER_MESSAGE = "recipientsPerMessage";
    static final String CONNECTIONS_PER_MINUTE = "connectionsPerMinute";

    private final int messagesPer15m;
    private final int messagesPerDay;
    private final int senderMessagesPer15m;
    private final int userMessagesPer15m;
    private final int recipientsPerMessage;
    private final int connectionsPerMinute;

    private Limits(int messagesPer15m, int messagesPerDay, int senderMessagesPer15m, int userMessagesPer15m,
                   int recipientsPerMessage, int connectionsPerMinute) {
        this.messagesPer15m = messagesPer15m;
        this.messagesPerDay = messagesPerDay;
        this.senderMessagesPer15m = senderMessagesPer15m;
        this.userMessagesPer15m = userMessagesPer15m;
        this.recipientsPerMessage = recipientsPerMessage;
        this.connectionsPerMinute = connectionsPerMinute;
    }

    /** Defaults for clients in no group. */
    static Limits defaults() {
        return new Limits(200, 2000, 100, 300, 100, 60);
    }

    /** Reads "{prefix}messagesPer15m" ..., each absent key taken from {@code base}. */
    static Limits read(Map<String, String> p, String prefix, Limits base) {
        return new Limits(
            value(p, prefix + MESSAGES_PER_15M, base.messagesPer15m),
            value(p, prefix + MESSAGES_PER_DAY, base.messagesPerDay),
            value(p, prefix + SENDER_MESSAGES_PER_15M, base.senderMessagesPer15m),
            value(p, prefix + USER_MESSAGES_PER_15M, base.userMessagesPer15m),
            value(p, prefix + RECIPIENTS_PER_MESSAGE, base.recipientsPerMessage),
            value(p, prefix + CONNECTIONS_PER_MINUTE, base.connectionsPerMinute));
    }

    private static int value(Map<String, String> p, String key, int def) {
        String v = p.get(key);
        return v == null || v.isBlank() ? def : ConfigValues.intInRange(key, v, 0, 100_000_000);
    }

    public int messagesPer15m() {
        return messagesPer15m;
    }

    public int messagesPerDay() {
        return messagesPerDay;
    }

    public int senderMessagesPer15m() {
        return senderMessagesPer15m;
    }

    public int userMessagesPer15m() {
        return userMessagesPer15m;
    }

    public int recipientsPerMessage() {
        return recipientsPerMessage;
    }

    public int connectionsPerMinute() {
        return connectionsPerMinute;
    }
}
