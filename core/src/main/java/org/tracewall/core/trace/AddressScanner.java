package org.tracewall.core.trace;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds every {@code local@domain} a reader could see in a decoded address-list header, with the
 * leniency of RFC 5322's obsolete syntax: CFWS around '@' and '.', quoted local parts, groups, angle
 * brackets balanced or not. The text inside quoted strings, comments and domain literals is scanned
 * as well, because clients display display names and comments: {@code "ceo@example.org" <x@evil.test>}
 * shows ceo@example.org. A quote, comment or literal left open runs to the end of the value.
 *
 * <p>Every character is tokenised once, into exactly one scope (the top level, or the innermost quoted
 * string, comment or literal around it), and the walks from each '@' stop at the next '@' either way,
 * so the work is linear in the length of the value (times the few readings of each domain).
 */
final class AddressScanner {
    private static final String SPECIALS = "@.<>,;:";
    private static final String INNER_SEPARATORS = "\"()[]\\";
    private static final int MAX_STOPS = 8;
    private static final Pattern DOT_ATOM = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+");

    private enum Kind { WORD, QUOTED, COMMENT, LITERAL, SPECIAL }

    private static final class Token {
        private final Kind kind;
        private final String text;

        private Token(Kind kind, String text) {
            this.kind = kind;
            this.text = text;
        }

        private boolean isSpecial(char c) {
            return kind == Kind.SPECIAL && text.charAt(0) == c;
        }
    }

    /** A scope being read: the top level (kind null), or an open quoted string, comment or literal. */
    private static final class Frame {
        private final Kind kind;
        private final List<Token> tokens = new ArrayList<>();
        private final StringBuilder content = new StringBuilder();
        private final StringBuilder word = new StringBuilder();

        private Frame(Kind kind) {
            this.kind = kind;
        }

        private char close() {
            return kind == Kind.QUOTED ? '"' : kind == Kind.COMMENT ? ')' : kind == Kind.LITERAL ? ']' : 0;
        }

        private boolean opens(char c) {
            return c == '(' && kind != Kind.QUOTED && kind != Kind.LITERAL
                || (c == '"' || c == '[') && kind == null;
        }

        private void flushWord() {
            if (word.length() > 0) {
                tokens.add(new Token(Kind.WORD, word.toString()));
                word.setLength(0);
            }
        }
    }

    private AddressScanner() {
    }

    /**
     * The addresses in the text, as {@code local@domain} with the domain normalised, in order of
     * appearance, at most {@code max + 1} of them (one more than allowed tells the caller to refuse).
     */
    static Set<String> addresses(String text, int max) {
        Set<String> found = new LinkedHashSet<>();
        for (List<Token> scope : scopes(text)) {
            for (int i = 0; i < scope.size() && found.size() <= max; i++) {
                if (scope.get(i).isSpecial('@')) {
                    addAll(found, localPart(scope, i), domains(scope, i));
                }
            }
        }
        return found;
    }

    private static void addAll(Set<String> found, String localPart, List<String> domains) {
        for (String domain : domains) {
            String normalised = DisplayedAddresses.normaliseDomain(domain);
            if (!normalised.isEmpty()) {
                found.add(localPart + "@" + normalised);
            }
        }
    }

    private static List<List<Token>> scopes(String text) {
        List<List<Token>> scopes = new ArrayList<>();
        Deque<Frame> open = new ArrayDeque<>();
        open.push(new Frame(null));
        scopes.add(open.peek().tokens);
        for (int i = 0; i < text.length(); i++) {
            Frame frame = open.peek();
            char c = text.charAt(i);
            if (frame.kind != null && c == '\\' && i + 1 < text.length()) {
                // A quoted pair: the next character is shown, and neither opens nor closes anything.
                i++;
                read(frame, text.charAt(i));
            } else if (frame.kind != null && c == frame.close()) {
                close(open);
            } else if (frame.opens(c)) {
                frame.flushWord();
                open.push(new Frame(c == '"' ? Kind.QUOTED : c == '(' ? Kind.COMMENT : Kind.LITERAL));
                scopes.add(open.peek().tokens);
            } else {
                read(frame, c);
            }
        }
        while (open.size() > 1) {
            close(open);
        }
        open.peek().flushWord();
        return scopes;
    }

    private static void read(Frame frame, char c) {
        frame.content.append(c);
        if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
            frame.flushWord();
        } else if (SPECIALS.indexOf(c) >= 0 || frame.kind != null && INNER_SEPARATORS.indexOf(c) >= 0) {
            frame.flushWord();
            frame.tokens.add(new Token(Kind.SPECIAL, String.valueOf(c)));
        } else {
            frame.word.append(c);
        }
    }

    private static void close(Deque<Frame> open) {
        Frame done = open.pop();
        done.flushWord();
        open.peek().tokens.add(new Token(done.kind, done.content.toString()));
    }

    /** The obsolete local part before the '@': words and quoted strings joined by dots, comments skipped. */
    private static String localPart(List<Token> scope, int at) {
        Deque<String> parts = new ArrayDeque<>();
        boolean wantWord = true;
        for (int j = at - 1; j >= 0; j--) {
            Token token = scope.get(j);
            if (token.kind == Kind.COMMENT) {
                continue;
            }
            if (token.isSpecial('.')) {
                parts.push(".");
                wantWord = true;
            } else if (wantWord && (token.kind == Kind.WORD || token.kind == Kind.QUOTED)) {
                parts.push(token.kind == Kind.QUOTED ? quoted(token.text) : token.text);
                wantWord = false;
            } else {
                break;
            }
        }
        return String.join("", parts);
    }

    /**
     * The obsolete domain after the '@': words, quoted strings or a literal joined by dots, comments
     * skipped. A strict reader stops where two words meet without a dot; lenient ones (mime4j, javax.mail)
     * join them ({@code ceo@trace wall.local} is ceo@tracewall.local to them), so both readings are
     * returned: the domain at each such stop (the first {@value #MAX_STOPS}), then the whole run.
     */
    private static List<String> domains(List<Token> scope, int at) {
        List<String> domains = new ArrayList<>();
        StringBuilder domain = new StringBuilder();
        boolean wantWord = true;
        for (int j = at + 1; j < scope.size(); j++) {
            Token token = scope.get(j);
            if (token.kind == Kind.COMMENT) {
                continue;
            }
            if (token.isSpecial('.')) {
                domain.append('.');
                wantWord = true;
            } else if (token.kind != Kind.SPECIAL) {
                if (!wantWord && domains.size() < MAX_STOPS) {
                    domains.add(domain.toString());
                }
                domain.append(token.text);
                wantWord = false;
            } else {
                break;
            }
        }
        domains.add(domain.toString());
        return domains;
    }

    private static String quoted(String content) {
        if (DOT_ATOM.matcher(content).matches()) {
            return content;
        }
        return '"' + content.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
