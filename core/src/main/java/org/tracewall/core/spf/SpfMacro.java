package org.tracewall.core.spf;

import java.io.UnsupportedEncodingException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * RFC 7208 section 7 macro expansion: {@code %{s}}, {@code %{ir}}, {@code %{d2}},
 * {@code %{l-}}, {@code %%}, {@code %_}, {@code %-}. Letters c, r and t exist only in
 * explanation text; an uppercase letter URL-escapes the value.
 */
final class SpfMacro {
    private static final String DELIMITERS = ".-+,/_=";

    /** Supplies the value of one macro letter (lowercase). */
    interface Values {
        String value(char letter);
    }

    private SpfMacro() {
    }

    /** Checks the syntax without expanding. */
    static void validate(String text, boolean explanation) throws SpfSyntaxException {
        expand(text, explanation, letter -> "");
    }

    static String expand(String text, boolean explanation, Values values) throws SpfSyntaxException {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '%') {
                if (!explanation && (c < 0x21 || c > 0x7e)) {
                    throw new SpfSyntaxException("invalid character in '" + text + "'");
                }
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= text.length()) {
                throw new SpfSyntaxException("lone '%' at the end of '" + text + "'");
            }
            char next = text.charAt(i + 1);
            switch (next) {
                case '%':
                    out.append('%');
                    i += 2;
                    break;
                case '_':
                    out.append(' ');
                    i += 2;
                    break;
                case '-':
                    out.append("%20");
                    i += 2;
                    break;
                case '{':
                    int close = text.indexOf('}', i);
                    if (close < 0) {
                        throw new SpfSyntaxException("unterminated macro in '" + text + "'");
                    }
                    out.append(expandOne(text.substring(i + 2, close), explanation, values, text));
                    i = close + 1;
                    break;
                default:
                    throw new SpfSyntaxException("invalid '%" + next + "' in '" + text + "'");
            }
        }
        return out.toString();
    }

    private static String expandOne(String body, boolean explanation, Values values, String text) throws SpfSyntaxException {
        if (body.isEmpty()) {
            throw new SpfSyntaxException("empty macro in '" + text + "'");
        }
        char letter = body.charAt(0);
        char lower = Character.toLowerCase(letter);
        if ("slodiphv".indexOf(lower) < 0 && !(explanation && "crt".indexOf(lower) >= 0)) {
            throw new SpfSyntaxException("invalid macro letter '" + letter + "' in '" + text + "'");
        }
        int i = 1;
        int digitsStart = i;
        while (i < body.length() && Character.isDigit(body.charAt(i))) {
            i++;
        }
        int keep = -1;
        if (i > digitsStart) {
            String digits = body.substring(digitsStart, i);
            if (digits.length() > 3 || Integer.parseInt(digits) == 0) {
                throw new SpfSyntaxException("invalid digit transformer in '" + text + "'");
            }
            keep = Integer.parseInt(digits);
        }
        boolean reverse = false;
        if (i < body.length() && Character.toLowerCase(body.charAt(i)) == 'r') {
            reverse = true;
            i++;
        }
        String delimiters = body.substring(i);
        for (char d : delimiters.toCharArray()) {
            if (DELIMITERS.indexOf(d) < 0) {
                throw new SpfSyntaxException("invalid delimiter '" + d + "' in '" + text + "'");
            }
        }
        String value = values.value(lower);
        String transformed = transform(value, keep, reverse, delimiters.isEmpty() ? "." : delimiters);
        return Character.isUpperCase(letter) ? urlEscape(transformed) : transformed;
    }

    private static String transform(String value, int keep, boolean reverse, String delimiters) {
        if (keep < 0 && !reverse && ".".equals(delimiters)) {
            return value;
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            if (delimiters.indexOf(value.charAt(i)) >= 0) {
                parts.add(value.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(value.substring(start));
        if (reverse) {
            Collections.reverse(parts);
        }
        if (keep >= 0 && keep < parts.size()) {
            parts = parts.subList(parts.size() - keep, parts.size());
        }
        return String.join(".", parts);
    }

    private static String urlEscape(String value) {
        try {
            // RFC 3986 unreserved characters stay; everything else is %-escaped (URLEncoder uses '+' for space).
            return URLEncoder.encode(value, StandardCharsets.UTF_8.name()).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lowercase helper for letter lookups. */
    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
