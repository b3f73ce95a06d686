package org.tracewall.core.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tracewall.core.score.ScoreConfig;
import org.tracewall.core.score.Symbol;

/** The content check: keyword and header rules over decoded content, each hit a symbol that names where, never what. */
class ContentRulesTest {
    private static MessageContent content(String subject, String body) {
        return new MessageContent() {
            @Override
            public List<String> header(String name) {
                return name.equalsIgnoreCase("Subject") ? List.of(subject) : List.of();
            }

            @Override
            public String bodyText() {
                return body;
            }
        };
    }

    private static ContentRules rules() {
        Map<String, String> p = new HashMap<>();
        p.put("score.rule.INVOICE.in", "Subject");
        p.put("score.rule.INVOICE.pattern", "(代开|开具).{0,6}发票");
        p.put("score.rule.INVOICE.weight", "6");
        p.put("score.rule.CASINO.in", "body");
        p.put("score.rule.CASINO.pattern", "(?i)online casino");
        p.put("score.rule.CASINO.weight", "4.5");
        p.put("score.tag", "3");
        return ScoreConfig.contentRules(p);
    }

    @Test
    void rulesShouldMatchTheirHeaderOrTheBodyAndNameWhere() {
        List<Symbol> hits = rules().detect(content("长期代开各类发票", "Visit our Online Casino"));

        assertThat(hits).extracting(Symbol::name).containsExactlyInAnyOrder("INVOICE", "CASINO");
        assertThat(hits).extracting(Symbol::detail).containsExactlyInAnyOrder("Subject", "body");
    }

    @Test
    void aRuleShouldOnlyLookWhereItIsToldTo() {
        assertThat(rules().detect(content("Online Casino", "长期代开各类发票"))).isEmpty();
        assertThat(rules().detect(content("会议纪要", "see you"))).isEmpty();
    }

    @Test
    void aHeaderRuleShouldNotReadTheBody() {
        ContentRules subjectOnly = ScoreConfig.contentRules(Map.of("score.rule.S.in", "Subject", "score.rule.S.pattern", "x",
            "score.rule.S.weight", "1"));
        MessageContent bodyUnreadable = new MessageContent() {
            @Override
            public List<String> header(String name) {
                return List.of("xyz");
            }

            @Override
            public String bodyText() {
                throw new AssertionError("the body was read");
            }
        };

        assertThat(subjectOnly.detect(bodyUnreadable)).extracting(Symbol::name).containsExactly("S");
        assertThat(ScoreConfig.contentRules(Map.of()).isEmpty()).isTrue();
    }
}
