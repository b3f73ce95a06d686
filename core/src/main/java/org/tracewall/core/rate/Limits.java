package org.tracewall.core.rate;

import java.util.List;

/** The limits of one policy group; 0 means unlimited. */
public final class Limits {
    static final String MESSAGES_PER_15M = "messagesPer15m";
    static final String MESSAGES_PER_DAY = "messagesPerDay";
    static final String SENDER_MESSAGES_PER_15M = "senderMessagesPer15m";
    static final String USER_MESSAGES_PER_15M = "userMessagesPer15m";
    static final String RECIPIENTS_PER_MESSAGE = "recipientsPerMessage";
    static final String CONNECTIONS_PER_MINUTE = "connectionsPerMinute";
    static final String USER_MESSAGES_PER_DAY = "userMessagesPerDay";
    static final String USER_RECIPIENTS_PER_15M = "userRecipientsPer15m";

    private final int messagesPer15m;
    private final int messagesPerDay;
    private final int senderMessagesPer15m;
    private final int userMessagesPer15m;
    private final int recipientsPerMessage;
    private final int connectionsPerMinute;
    private final int userMessagesPerDay;
    private final int userRecipientsPer15m;

    private Limits(int messagesPer15m, int messagesPerDay, int senderMessagesPer15m, int userMessagesPer15m,
                   int recipientsPerMessage, int connectionsPerMinute, int userMessagesPerDay, int userRecipientsPer15m) {
        this.messagesPer15m = messagesPer15m;
        this.messagesPerDay = messagesPerDay;
        this.senderMessagesPer15m = senderMessagesPer15m;
        this.userMessagesPer15m = userMessagesPer15m;
        this.recipientsPerMessage = recipientsPerMessage;
        this.connectionsPerMinute = connectionsPerMinute;
        this.userMessagesPerDay = userMessagesPerDay;
        this.userRecipientsPer15m = userRecipientsPer15m;
    }

    /** The limits in the order of {@link #of} and {@link #values}, as their keys name them. */
    static final List<String> NAMES = List.of(MESSAGES_PER_15M, MESSAGES_PER_DAY, SENDER_MESSAGES_PER_15M, USER_MESSAGES_PER_15M,
        RECIPIENTS_PER_MESSAGE, CONNECTIONS_PER_MINUTE, USER_MESSAGES_PER_DAY, USER_RECIPIENTS_PER_15M);

    /** The limits named by {@link #NAMES}, in that order. */
    static Limits of(List<Integer> values) {
        return new Limits(values.get(0), values.get(1), values.get(2), values.get(3), values.get(4), values.get(5), values.get(6),
            values.get(7));
    }

    /** The limits in the order of {@link #NAMES}. */
    List<Integer> values() {
        return List.of(messagesPer15m, messagesPerDay, senderMessagesPer15m, userMessagesPer15m, recipientsPerMessage,
            connectionsPerMinute, userMessagesPerDay, userRecipientsPer15m);
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

    public int userMessagesPerDay() {
        return userMessagesPerDay;
    }

    public int userRecipientsPer15m() {
        return userRecipientsPer15m;
    }
}
