package org.tracewall.core.alert;

import java.time.Instant;
import java.util.Objects;

/**
 * One threshold crossed: what, by how much, on which node, when. {@code subject} tells a repeat of
 * the same alert from another one of its kind (the listed address); it is empty for the others.
 */
public final class Alert {
    private final AlertKind kind;
    private final String subject;
    private final String message;
    private final double value;
    private final double threshold;
    private final String node;
    private final Instant time;

    public Alert(AlertKind kind, String subject, String message, double value, double threshold, String node, Instant time) {
        this.kind = Objects.requireNonNull(kind);
        this.subject = Objects.requireNonNull(subject);
        this.message = Objects.requireNonNull(message);
        this.value = value;
        this.threshold = threshold;
        this.node = Objects.requireNonNull(node);
        this.time = Objects.requireNonNull(time);
    }

    public AlertKind kind() {
        return kind;
    }

    public String subject() {
        return subject;
    }

    public String message() {
        return message;
    }

    public double value() {
        return value;
    }

    public double threshold() {
        return threshold;
    }

    public String node() {
        return node;
    }

    public Instant time() {
        return time;
    }

    /** The webhook's body: {"alert":"rejected-share","subject":"","message":...,"value":0.8,"threshold":0.5,"node":...,"time":...}. */
    public String toJson() {
        return "{\"alert\":" + quoted(kind.code()) + ",\"subject\":" + quoted(subject) + ",\"message\":" + quoted(message)
            + ",\"value\":" + number(value) + ",\"threshold\":" + number(threshold) + ",\"node\":" + quoted(node)
            + ",\"time\":" + quoted(time.toString()) + "}";
    }

    private static String number(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "null";
    }

    private static String quoted(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    @Override
    public String toString() {
        return "[" + kind.code() + (subject.isEmpty() ? "" : " " + subject) + "] " + message;
    }
}
