package org.tracewall.james;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.tracewall.core.score.Symbol;

/**
 * The one mail attribute where every check (SMTP hook or mailet) leaves its named results for
 * scoring: {@value #ATTRIBUTE_NAME}, one encoded {@link Symbol} per line. A check that emits a
 * symbol again replaces its earlier value, so re-running a check never counts it twice.
 */
public final class ScoreSymbols {
    public static final String ATTRIBUTE_NAME = Tracewall.NAMESPACE + ".score.symbols";
    public static final AttributeName SYMBOLS = AttributeName.of(ATTRIBUTE_NAME);

    private ScoreSymbols() {
    }

    public static void add(Mail mail, Symbol... symbols) {
        add(mail, Arrays.asList(symbols));
    }

    public static void add(Mail mail, List<Symbol> symbols) {
        if (symbols.isEmpty()) {
            return;
        }
        Map<String, Symbol> byName = new LinkedHashMap<>();
        read(mail).forEach(s -> byName.put(s.name(), s));
        symbols.forEach(s -> byName.put(s.name(), s));
        write(mail, byName.values());
    }

    /** Drops a symbol, e.g. VIRUS once the infected part is gone. */
    public static void remove(Mail mail, String name) {
        write(mail, read(mail).stream().filter(s -> !s.name().equals(name)).collect(Collectors.toList()));
    }

    private static void write(Mail mail, Collection<Symbol> symbols) {
        String lines = symbols.stream().map(Symbol::encode).collect(Collectors.joining("\n"));
        mail.setAttribute(new Attribute(SYMBOLS, AttributeValue.of(lines)));
    }

    /** The symbols recorded so far; a line that does not decode (written by something else) is skipped. */
    public static List<Symbol> read(Mail mail) {
        List<Symbol> symbols = new ArrayList<>();
        TraceAttributes.string(mail, SYMBOLS).ifPresent(value -> {
            for (String line : value.split("\n")) {
                try {
                    if (!line.isBlank()) {
                        symbols.add(Symbol.decode(line));
                    }
                } catch (IllegalArgumentException e) {
                    // not ours: ignore rather than fail the message
                }
            }
        });
        return symbols;
    }
}
