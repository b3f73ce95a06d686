package org.tracewall.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.tracewall.core.content.ContentRule;
import org.tracewall.core.score.ScoreConfig;
import org.tracewall.core.store.InMemoryStateStore;
import org.tracewall.core.store.StateStore;
import org.tracewall.core.store.StoreUnavailableException;

class LiveSettingsTest {
    private static final Map<String, String> FILE = Map.of("score.tag", "6", "score.weight.NO_PTR", "1.5", "dnsbl.threshold", "1");

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final StateStore shared = new InMemoryStateStore(now::get);
    private final LiveSettings<ScoreConfig> thisNode = new LiveSettings<>("score.", FILE, ScoreConfig::read, () -> shared, now::get);
    private final LiveSettings<ScoreConfig> otherNode = new LiveSettings<>("score.", FILE, ScoreConfig::read, () -> shared, now::get);

    @Test
    void withoutOverridesTheFilesSettingsShouldApply() {
        assertThat(thisNode.current().policy().thresholds().tag()).isEqualTo(6.0);
        assertThat(thisNode.current().policy().weights()).containsEntry("NO_PTR", 1.5);
        assertThat(thisNode.fileSettings()).containsOnlyKeys("score.tag", "score.weight.NO_PTR");
    }

    @Test
    void anOverrideShouldApplyAtOnceHereAndOnEveryNodeWithinTheRefresh() {
        otherNode.current();

        thisNode.set(Map.of("score.weight.NO_PTR", "4", "score.rule.OFFER.in", "Subject", "score.rule.OFFER.pattern", "(?i)offer",
            "score.rule.OFFER.weight", "3"));

        assertThat(thisNode.current().policy().weights()).containsEntry("NO_PTR", 4.0).containsEntry("OFFER", 3.0);
        assertThat(thisNode.current().contentRules().rules()).extracting(ContentRule::name).containsExactly("OFFER");
        assertThat(otherNode.current().policy().weights()).as("read before the refresh").containsEntry("NO_PTR", 1.5);
        now.addAndGet(LiveSettings.REFRESH_MILLIS);
        assertThat(otherNode.current().policy().weights()).containsEntry("NO_PTR", 4.0).containsEntry("OFFER", 3.0);
        assertThat(otherNode.overrides()).containsEntry("score.rule.OFFER.pattern", "(?i)offer").hasSize(4);
    }

    @Test
    void aBadOverrideShouldBeRefusedByNameAndNothingKept() {
        thisNode.set(Map.of("score.weight.NO_PTR", "4"));

        assertThatThrownBy(() -> thisNode.set(Map.of("score.weight.HELO_NOT_FQDN", "2", "score.rule.X.in", "Subject")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("score.rule.X");
        assertThatThrownBy(() -> thisNode.set(Map.of("score.tag", "many"))).hasMessageContaining("score.tag");
        assertThatThrownBy(() -> thisNode.set(Map.of("dnsbl.threshold", "2"))).hasMessageContaining("dnsbl.threshold");
        assertThat(thisNode.overrides()).containsOnlyKeys("score.weight.NO_PTR");
    }

    @Test
    void removingAnOverrideShouldBringBackTheFilesValue() {
        thisNode.set(Map.of("score.tag", "off", "score.weight.NO_PTR", "4"));

        thisNode.remove(List.of("score.tag", "score.weight.NO_PTR"));

        assertThat(thisNode.current().policy().thresholds().tag()).isEqualTo(6.0);
        assertThat(thisNode.current().policy().weights()).containsEntry("NO_PTR", 1.5);
        now.addAndGet(LiveSettings.REFRESH_MILLIS);
        assertThat(otherNode.current().policy().weights()).containsEntry("NO_PTR", 1.5);
        assertThat(otherNode.overrides()).isEmpty();
    }

    @Test
    void aStoreThatDoesNotAnswerShouldLeaveTheLastSettingsInEffect() {
        AtomicBoolean down = new AtomicBoolean();
        LiveSettings<ScoreConfig> node = new LiveSettings<>("score.", FILE, ScoreConfig::read, () -> {
            if (down.get()) {
                throw new StoreUnavailableException("redis is down", null);
            }
            return shared;
        }, now::get);
        thisNode.set(Map.of("score.weight.NO_PTR", "4"));
        assertThat(node.current().policy().weights()).containsEntry("NO_PTR", 4.0);

        down.set(true);
        now.addAndGet(LiveSettings.REFRESH_MILLIS);

        assertThat(node.current().policy().weights()).containsEntry("NO_PTR", 4.0);
    }
}
