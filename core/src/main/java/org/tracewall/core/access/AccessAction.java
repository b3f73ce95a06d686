package org.tracewall.core.access;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The right-hand side of a sendmail access entry: OK, RELAY, SKIP, REJECT, DISCARD,
 * {@code ERROR:5.7.1:text} (or {@code ERROR:"550 5.7.1 text"}), FRIEND, HATER.
 */
public final class AccessAction {
    /** The kinds of action. */
    public enum Kind { OK, RELAY, SKIP, REJECT, DISCARD, ERROR, FRIEND, HATER }

    private static final Pattern ERROR = Pattern.compile("(?i)ERROR:(?:\"?(\\d{3})?\\s*)?([245]\\.\\d{1,3}\\.\\d{1,3})[:\\s]\\s*\"?(.*?)\"?");

    private final Kind kind;
    private final String status;
    private final String text;

    private AccessAction(Kind kind, String status, String text) {
        this.kind = Objects.requireNonNull(kind);
        this.status = status;
        this.text = text;
    }

    /**
     * @throws IllegalArgumentException for anything that is not an access action
     */
    public static AccessAction parse(String value) {
        String v = value.trim();
        if (v.regionMatches(true, 0, "ERROR:", 0, 6)) {
            Matcher m = ERROR.matcher(v);
            if (!m.matches()) {
                throw new IllegalArgumentException("malformed ERROR action '" + value + "' (ERROR:5.7.1:text)");
            }
            return new AccessAction(Kind.ERROR, m.group(2), m.group(3).isBlank() ? "Access denied" : m.group(3));
        }
        try {
            return new AccessAction(Kind.valueOf(v.toUpperCase(Locale.ROOT)), null, null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown action '" + value + "'");
        }
    }

    public Kind kind() {
        return kind;
    }

    /** For ERROR: the enhanced status code, e.g. "5.7.1" or "4.7.0". */
    public Optional<String> status() {
        return Optional.ofNullable(status);
    }

    /** For ERROR: the text to answer. */
    public Optional<String> text() {
        return Optional.ofNullable(text);
    }

    /** True for ERROR:4.x.x (a temporary refusal). */
    public boolean isTemporary() {
        return status != null && status.startsWith("4");
    }

    @Override
    public String toString() {
        return kind == Kind.ERROR ? "ERROR:" + status + ":" + text : kind.name();
    }
}
