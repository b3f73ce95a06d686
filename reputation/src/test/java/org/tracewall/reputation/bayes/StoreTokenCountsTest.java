package org.tracewall.reputation.bayes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tracewall.core.store.InMemoryStateStore;
import org.tracewall.core.store.StoreUnavailableException;
import org.tracewall.reputation.text.Tokenizer;

class StoreTokenCountsTest {
    private static final String[] SPAM = {"viagra", "cheap", "pills", "casino", "发票", "代开", "lottery"};
    private static final String[] HAM = {"meeting", "agenda", "project", "会议", "纪要", "budget", "review"};

    @Test
    void aStoreModelShouldGiveTheVerdictsOfAFileModelTrainedAlike() {
        BayesFilter inStore = new BayesFilter(new StoreTokenCounts(new InMemoryStateStore()), Tokenizer.standard());
        BayesFilter inFile = new BayesFilter(new BayesModel(), Tokenizer.standard());
        for (int i = 0; i < 30; i++) {
            for (BayesFilter filter : List.of(inStore, inFile)) {
                filter.learn(message(SPAM, i), true);
                filter.learn(message(HAM, i), false);
            }
        }
        byte[] spam = message(SPAM, 99);
        byte[] ham = message(HAM, 99);

        assertThat(inStore.isTrained()).isTrue();
        assertThat(inStore.spamProbability(spam)).isGreaterThan(0.9).isEqualTo(inFile.spamProbability(spam));
        assertThat(inStore.spamProbability(ham)).isLessThan(0.1).isEqualTo(inFile.spamProbability(ham));
    }

    @Test
    void aMessageShouldBeCountedOnce() {
        StoreTokenCounts counts = new StoreTokenCounts(new InMemoryStateStore());
        assertThat(counts.learn(List.of("free", "发票"), LearnedAs.SPAM, "id-1")).isTrue();
        assertThat(counts.learn(List.of("free", "发票"), LearnedAs.SPAM, "id-1")).isFalse();

        TokenEvidence evidence = counts.lookup(List.of("free", "发票", "never"));
        assertThat(evidence.spamMessages()).isEqualTo(1);
        assertThat(evidence.hamMessages()).isZero();
        assertThat(evidence.counts("发票")).containsExactly(1, 0);
        assertThat(evidence.counts("never")).isNull();
    }

    @Test
    void aFailedLearnShouldLeaveTheMessageLearnableAgain() {
        FlakyStore store = new FlakyStore();
        StoreTokenCounts counts = new StoreTokenCounts(store);
        store.down = true;
        assertThatThrownBy(() -> counts.learn(List.of("free"), LearnedAs.SPAM, "id-1")).isInstanceOf(StoreUnavailableException.class);

        store.down = false;
        assertThat(counts.learn(List.of("free"), LearnedAs.SPAM, "id-1")).as("the id was forgotten with the failed write").isTrue();
        assertThat(counts.totals().spamMessages()).isEqualTo(1);
    }

    private static byte[] message(String[] words, int seed) {
        StringBuilder body = new StringBuilder();
        for (int j = 0; j < 5; j++) {
            body.append(words[(seed + j * 3) % words.length]).append(' ');
        }
        return ("Subject: note " + seed + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + seed + "\r\n")
            .getBytes(StandardCharsets.UTF_8);
    }

    /** Counter writes fail while {@code down}: Redis going away between two commands of one learn. */
    private static final class FlakyStore extends InMemoryStateStore {
        volatile boolean down;

        @Override
        public void addToCounters(String map, Collection<String> fields, long delta) {
            if (down) {
                throw new StoreUnavailableException("down", null);
            }
            super.addToCounters(map, fields, delta);
        }
    }
}
