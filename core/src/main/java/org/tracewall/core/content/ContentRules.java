package org.tracewall.core.content;

import java.util.ArrayList;
import java.util.List;

import org.tracewall.core.score.Symbol;

/**
 * The content check: every keyword and header rule ({@code score.rule.*}) run over one message's
 * decoded content (the body text is read only if a rule looks there), each hit a symbol. It only detects; the scoring policy weighs its symbols
 * with the others, so a rule is one more check rather than a special case of the score.
 */
public final class ContentRules {
    public static final ContentRules NONE = new ContentRules(List.of());

    private final List<ContentRule> rules;

    public ContentRules(List<ContentRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The symbols of the rules that match, in rule order. */
    public List<Symbol> detect(MessageContent content) {
        List<Symbol> hits = new ArrayList<>();
        for (ContentRule rule : rules) {
            rule.evaluate(content).ifPresent(hits::add);
        }
        return hits;
    }

    public List<ContentRule> rules() {
        return rules;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }
}
