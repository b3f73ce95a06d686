package org.tracewall.core.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ScoreConfigTest {
    @Test
    void fromPropertiesShouldRejectAnUnknownKey() {
        assertThatThrownBy(() -> ScoreConfig.fromProperties(Map.of("score.treshold", "5")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'score.treshold'");
    }

    @Test
    void fromPropertiesShouldRejectANonNumericThreshold() {
        assertThatThrownBy(() -> ScoreConfig.fromProperties(Map.of("score.tag", "five")))
            .hasMessageContaining("'score.tag'").hasMessageContaining("a number or off");
    }

    @Test
    void fromPropertiesShouldRejectDecreasingThresholds() {
        assertThatThrownBy(() -> ScoreConfig.fromProperties(Map.of("score.quarantine", "20")))
            .hasMessageContaining("must not decrease").hasMessageContaining("5.00 / 20.00 / 15.00");
    }

    @Test
    void fromPropertiesShouldRejectALowerCaseSymbolWeight() {
        assertThatThrownBy(() -> ScoreConfig.fromProperties(Map.of("score.weight.dnsbl", "1")))
            .hasMessageContaining("'score.weight.dnsbl'").hasMessageContaining("UPPER_SNAKE");
    }

    @Test
    void fromPropertiesShouldRejectAComboWithoutRules() {
        assertThatThrownBy(() -> ScoreConfig.fromProperties(Map.of("score.combo.BAD.weight", "3")))
            .hasMessage("Missing key 'score.combo.BAD.rules'");
    }

    @Test
    void fromPropertiesShouldRejectAComboMinimumAboveItsMembers() {
        assertThatThrownBy(() -> ScoreConfig.fromProperties(Map.of("score.combo.BAD.rules", "A, B", "score.combo.BAD.min", "3",
            "score.combo.BAD.weight", "3")))
            .hasMessageContaining("'score.combo.BAD.min'").hasMessageContaining("from 1 to 2");
    }

    @Test
    void fromPropertiesShouldRejectABrokenPattern() {
        assertThatThrownBy(() -> ScoreConfig.fromProperties(Map.of("score.rule.X.in", "Subject", "score.rule.X.pattern", "(unclosed",
            "score.rule.X.weight", "1")))
            .hasMessageContaining("'score.rule.X.pattern'");
    }

    @Test
    void fromPropertiesShouldRejectAnUnknownDirection() {
        assertThatThrownBy(() -> ScoreConfig.fromProperties(Map.of("score.group.g.direction", "sideways")))
            .hasMessageContaining("'score.group.g.direction'").hasMessageContaining("'sideways'");
    }

    @Test
    void fromPropertiesShouldRejectABadGroupNetwork() {
        assertThatThrownBy(() -> ScoreConfig.fromProperties(Map.of("score.group.g.clients", "10.0.0.0/99")))
            .hasMessageContaining("'score.group.g.clients'");
    }

    @Test
    void defaultsShouldTagQuarantineAndRejectAtFiveTenFifteen() {
        Thresholds t = ScoringPolicy.defaults().thresholds();
        assertThat(t.actionFor(4.99)).isEqualTo(ScoreAction.ACCEPT);
        assertThat(t.actionFor(5)).isEqualTo(ScoreAction.TAG);
        assertThat(t.actionFor(10)).isEqualTo(ScoreAction.QUARANTINE);
        assertThat(t.actionFor(15)).isEqualTo(ScoreAction.REJECT);
    }

    @Test
    void offShouldDisableAThreshold() {
        Thresholds t = ScoreConfig.fromProperties(Map.of("score.reject", "off")).thresholds();
        assertThat(t.actionFor(1000)).isEqualTo(ScoreAction.QUARANTINE);
        assertThat(t.describe()).isEqualTo("5.00/10.00/off");
    }
}
