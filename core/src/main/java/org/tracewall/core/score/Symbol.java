package org.tracewall.core.score;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named result of one check ({@code DNSBL}, {@code HELO_NOT_FQDN}, {@code TRACE_UNTRACEABLE} ...),
 * as rspamd's symbols: checks emit symbols, the {@link ScoringPolicy} gives them weights. The
 * factor scales the weight (a DNS-list score of 2.0 counts twice a single listing; a Bayes
 * probability counts in proportion); the detail says what was seen, for logs only.
 *
 * <p>Encoded for a mail attribute as {@code NAME}, {@code NAME*factor} or {@code NAME*factor detail}.
 */
public final class Symbol {
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private final String name;
    private final double factor;
    private final String detail;

    private Symbol(String name, double factor, String detail) {
        this.name = name;
        this.factor = factor;
        this.detail = detail;
    }

    public static Symbol of(String name) {
        return of(name, 1.0, "");
    }

    /**
     * @throws IllegalArgumentException when the name is not UPPER_SNAKE or the factor is not finite
     */
    public static Symbol of(String name, double factor, String detail) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("Invalid symbol name '" + name + "' (UPPER_SNAKE, at most 64 characters)");
        }
        if (!Double.isFinite(factor)) {
            throw new IllegalArgumentException("Invalid factor " + factor + " for symbol " + name);
        }
        return new Symbol(name, factor, detail == null ? "" : printable(detail));
    }

    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** Turns a free name (a DNS list's "zen", a finding) into a symbol name part: "ZEN". */
    public static String namePart(String text) {
        String upper = text.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
        return upper.replaceAll("^_+|_+$", "");
    }

    public String name() {
        return name;
    }

    public double factor() {
        return factor;
    }

    public String detail() {
        return detail;
    }

    public String encode() {
        if (factor == 1.0 && detail.isEmpty()) {
            return name;
        }
        return name + "*" + factor + (detail.isEmpty() ? "" : " " + detail);
    }

    /**
     * @throws IllegalArgumentException for a value that no {@link #encode()} wrote
     */
    public static Symbol decode(String encoded) {
        int star = encoded.indexOf('*');
        if (star < 0) {
            return of(encoded.trim());
        }
        int space = encoded.indexOf(' ', star);
        String factor = space < 0 ? encoded.substring(star + 1) : encoded.substring(star + 1, space);
        try {
            return of(encoded.substring(0, star), Double.parseDouble(factor), space < 0 ? "" : encoded.substring(space + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid symbol '" + encoded + "'", e);
        }
    }

    /** Details come from the SMTP session (HELO names, sender domains): keep them one printable line. */
    private static String printable(String text) {
        String bounded = text.length() > 200 ? text.substring(0, 200) : text;
        // A loop, not a regex: every symbol a mail carries is decoded here once per phase. ISO controls
        // include C1 (U+0080-U+009F), which \p{Cntrl} left in: none belongs in a header either.
        char[] chars = null;
        for (int i = 0; i < bounded.length(); i++) {
            if (Character.isISOControl(bounded.charAt(i))) {
                chars = chars == null ? bounded.toCharArray() : chars;
                chars[i] = ' ';
            }
        }
        return chars == null ? bounded : new String(chars);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Symbol)) {
            return false;
        }
        Symbol other = (Symbol) o;
        return name.equals(other.name) && Double.compare(factor, other.factor) == 0 && detail.equals(other.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, factor, detail);
    }

    @Override
    public String toString() {
        return encode();
    }
}
