package org.tracewall.core.content;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tracewall.core.score.Symbol;

/**
 * A keyword rule or header check: a regular expression over one decoded
 * header ({@code Subject}, {@code From}, any name) or over the body text. A match emits the
 * rule's name as a symbol, with where it matched (not the text) as its detail.
 */
public final class ContentRule {
    public static final String BODY = "body";

    private final String name;
    private final String where;
    private final Pattern pattern;

    /**
     * @param name    the symbol a match emits
     * @param where   a header name, or {@value #BODY}
     */
    public ContentRule(String name, String where, Pattern pattern) {
        this.name = name;
        this.where = where;
        this.pattern = pattern;
    }

    public String name() {
        return name;
    }

    /** A header name, or {@value #BODY}. */
    public String where() {
        return where;
    }

    public Pattern pattern() {
        return pattern;
    }

    /** The rule's symbol when its pattern occurs where it looks. */
    public Optional<Symbol> evaluate(MessageContent content) {
        if (where.toLowerCase(Locale.ROOT).equals(BODY)) {
            return find(content.bodyText());
        }
        for (String value : content.header(where)) {
            Optional<Symbol> hit = find(value);
            if (hit.isPresent()) {
                return hit;
            }
        }
        return Optional.empty();
    }

    /** The detail names where the rule matched, never what: logs and headers carry no message text. */
    private Optional<Symbol> find(String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.of(Symbol.of(name, 1.0, where)) : Optional.empty();
    }
}
