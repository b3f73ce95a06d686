package org.tracewall.reputation.bayes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** What every place that keeps token counts must do; each implementation runs it. */
abstract class TokenCountsContract {
    private static final List<String> TOKENS = List.of("free", "发票", "meeting");

    abstract TokenCounts counts();

    @Test
    void learnedAsShouldRememberTheLabelAndWhetherTheNgramsMoved() {
        TokenCounts counts = counts();
        counts.learn(List.of("free"), LearnedAs.of(true, true), "a");
        counts.learn(List.of("free"), LearnedAs.HAM, "b");

        assertThat(counts.learnedAs("a")).contains(LearnedAs.of(true, true));
        assertThat(counts.learnedAs("b")).contains(LearnedAs.HAM);
        assertThat(counts.learnedAs("c")).isEmpty();
    }

    @Test
    void unlearnShouldGiveBackTheCountsOfBeforeTheLearn() {
        TokenCounts counts = counts();
        counts.learn(List.of("free", "发票"), LearnedAs.SPAM, "a");
        counts.learn(List.of("meeting", "发票"), LearnedAs.HAM, "b");
        TokenEvidence before = counts.lookup(TOKENS);

        counts.learn(List.of("free", "发票", "meeting"), LearnedAs.SPAM, "c");
        assertThat(counts.unlearn(List.of("free", "发票", "meeting"), LearnedAs.SPAM, "c")).isTrue();

        TokenEvidence after = counts.lookup(TOKENS);
        assertThat(after.spamMessages()).isEqualTo(before.spamMessages()).isEqualTo(1);
        assertThat(after.hamMessages()).isEqualTo(before.hamMessages()).isEqualTo(1);
        for (String token : TOKENS) {
            assertThat(after.counts(token)).as(token).containsExactly(before.counts(token));
        }
        assertThat(counts.learnedAs("c")).as("forgotten: it can be learned again").isEmpty();
        assertThat(counts.learn(List.of("free"), LearnedAs.HAM, "c")).isTrue();
    }

    @Test
    void unlearnOfAnIdNeverLearnedShouldChangeNothing() {
        TokenCounts counts = counts();
        counts.learn(List.of("free"), LearnedAs.SPAM, "a");

        assertThat(counts.unlearn(List.of("free"), LearnedAs.SPAM, "never")).isFalse();

        assertThat(counts.lookup(List.of("free")).counts("free")).containsExactly(1, 0);
        assertThat(counts.totals().spamMessages()).isEqualTo(1);
    }

    @Test
    void anUnrecordedLabelShouldNeitherBeLearnedNorUnlearned() {
        TokenCounts counts = counts();
        assertThatThrownBy(() -> counts.learn(List.of("free"), LearnedAs.UNRECORDED, "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> counts.unlearn(List.of("free"), LearnedAs.UNRECORDED, "a")).isInstanceOf(IllegalArgumentException.class);
    }
}
