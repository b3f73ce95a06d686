package org.tracewall.core.operator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the operation log: who did what, when, through which door, and how it ended.
 * Every field is one printable line (control characters become {@code ?}), so that an entry
 * cannot forge the next one; the detail is cut at {@value #DETAIL_CHARS} characters.
 */
public final class Operation {
    static final int DETAIL_CHARS = 300;
    private static final String SEPARATOR = "\t";

    private final Instant at;
    private final String who;
    private final String via;
    private final String action;
    private final int status;
    private final String detail;

    /**
     * @param who    the James user (dashboard), the token's subject (WebAdmin), or {@code ?} when unknown
     * @param via    {@code dashboard} or {@code webadmin}
     * @param action the request, such as {@code PUT /tracewall/score/weights/NO_PTR}
     * @param status the HTTP status it was answered with
     * @param detail what was asked (a body, never a password), may be empty
     */
    public Operation(Instant at, String who, String via, String action, int status, String detail) {
        this.at = Objects.requireNonNull(at);
        this.who = line(who, 200);
        this.via = line(via, 20);
        this.action = line(action, 500);
        this.status = status;
        this.detail = line(detail, DETAIL_CHARS);
    }

    public Instant at() {
        return at;
    }

    public String who() {
        return who;
    }

    public String via() {
        return via;
    }

    public String action() {
        return action;
    }

    public int status() {
        return status;
    }

    public String detail() {
        return detail;
    }

    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("at", at.toString());
        map.put("who", who);
        map.put("via", via);
        map.put("action", action);
        map.put("status", status);
        map.put("detail", detail);
        return map;
    }

    /** One line; the nonce keeps two identical operations in the same millisecond apart. */
    String encode(String nonce) {
        return String.join(SEPARATOR, at.toString(), nonce, who, via, action, Integer.toString(status), detail);
    }

    static Optional<Operation> decode(String line) {
        String[] fields = line.split(SEPARATOR, 7);
        if (fields.length != 7) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Operation(Instant.parse(fields[0]), fields[2], fields[3], fields[4], Integer.parseInt(fields[5]), fields[6]));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String line(String text, int max) {
        String printable = text == null ? "" : text.replaceAll("[\\p{Cntrl}]", "?");
        return printable.length() > max ? printable.substring(0, max) : printable;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Operation)) {
            return false;
        }
        Operation that = (Operation) other;
        return at.equals(that.at) && who.equals(that.who) && via.equals(that.via) && action.equals(that.action)
            && status == that.status && detail.equals(that.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(at, who, via, action, status, detail);
    }

    @Override
    public String toString() {
        return at + " " + who + " via " + via + ": " + action + " -> " + status;
    }
}
