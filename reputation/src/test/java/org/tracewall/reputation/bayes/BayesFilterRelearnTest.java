package org.tracewall.reputation.bayes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracewall.core.store.InMemoryStateStore;
import org.tracewall.reputation.text.Tokenizer;

/**
 * A correction must leave the model as if the mistake had never been learned: relearned under the
 * other label, or forgotten, a message must give every later message the probabilities of a
 * model that learned it right (or not at all), Chinese n-gram weights included.
 */
class BayesFilterRelearnTest {
    private static final String[] SPAM = {"代开发票", "长期代开各类发票", "cheap pills", "casino", "lottery winner"};
    private static final String[] HAM = {"项目会议纪要", "下周评审安排", "meeting agenda", "budget review", "project"};
    private static final List<Supplier<TokenCounts>> PLACES = List.of(BayesModel::new, () -> new StoreTokenCounts(new InMemoryStateStore()));

    @Test
    void aMessageRelearnedUnderTheOtherLabelShouldScoreAsIfLearnedRightTheFirstTime() {
        byte[] mistake = message("发票 代开 casino 会议", 7);
        for (Supplier<TokenCounts> place : PLACES) {
            BayesFilter corrected = trained(place.get());
            BayesFilter right = trained(place.get());
            assertThat(corrected.learn(mistake, false)).isEqualTo(BayesFilter.Learned.LEARNED);
            assertThat(right.learn(mistake, true)).isEqualTo(BayesFilter.Learned.LEARNED);

            assertThat(corrected.learn(mistake, true)).isEqualTo(BayesFilter.Learned.RELEARNED_UNDER_THE_OTHER_LABEL);
            assertThat(corrected.learn(mistake, true)).isEqualTo(BayesFilter.Learned.ALREADY_KNOWN);

            assertSameVerdicts(corrected, right);
            assertThat(corrected.model().totals().spamMessages()).isEqualTo(right.model().totals().spamMessages());
            assertThat(corrected.model().totals().hamMessages()).isEqualTo(right.model().totals().hamMessages());
        }
    }

    @Test
    void aForgottenMessageShouldScoreAsIfNeverLearned() {
        byte[] mistake = message("代开 发票 项目 会议 casino", 11);
        for (Supplier<TokenCounts> place : PLACES) {
            BayesFilter forgetting = trained(place.get());
            BayesFilter never = trained(place.get());
            forgetting.learn(mistake, false);

            assertThat(forgetting.forget(mistake)).isEqualTo(BayesFilter.Forgotten.FORGOTTEN);
            assertThat(forgetting.forget(mistake)).isEqualTo(BayesFilter.Forgotten.NOT_LEARNED);

            assertSameVerdicts(forgetting, never);
            assertThat(forgetting.spamProbability(mistake)).isEqualTo(never.spamProbability(mistake));
        }
    }

    /** A version 2 file kept only that an id was learned: the message cannot be moved or forgotten, and says so. */
    @Test
    void aMessageFromAModelWithoutLabelsShouldBeReportedNotGuessed(@TempDir Path dir) throws IOException {
        byte[] message = message("发票", 1);
        Path file = dir.resolve("v2.model");
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(0x54574259);
            out.writeInt(2);
            out.writeInt(1);
            out.writeInt(0);
            out.writeInt(0); // tokens
            out.writeInt(1);
            out.writeUTF(BayesFilter.digest(message));
            out.writeInt(0); // n-gram weights
        }
        BayesFilter filter = new BayesFilter(BayesModel.load(file), Tokenizer.standard());

        assertThat(filter.learn(message, false)).isEqualTo(BayesFilter.Learned.ALREADY_KNOWN);
        assertThat(filter.forget(message)).isEqualTo(BayesFilter.Forgotten.UNRECORDED);
        assertThat(filter.model().totals().spamMessages()).isEqualTo(1);
    }

    @Test
    void labelsShouldSurviveSaveAndLoad(@TempDir Path dir) throws IOException {
        BayesModel model = new BayesModel();
        BayesFilter filter = trained(model);
        byte[] message = message("代开发票", 3);
        filter.learn(message, true);
        Path file = dir.resolve("bayes.model");
        model.save(file);

        BayesFilter loaded = new BayesFilter(BayesModel.load(file), Tokenizer.standard());

        assertThat(loaded.learn(message, false)).isEqualTo(BayesFilter.Learned.RELEARNED_UNDER_THE_OTHER_LABEL);
    }

    private static BayesFilter trained(TokenCounts counts) {
        BayesFilter filter = new BayesFilter(counts, Tokenizer.standard());
        for (int i = 0; i < 20; i++) {
            filter.learn(message(String.join(" ", SPAM[i % SPAM.length], SPAM[(i + 2) % SPAM.length]), i), true);
            filter.learn(message(String.join(" ", HAM[i % HAM.length], HAM[(i + 2) % HAM.length]), i), false);
        }
        return filter;
    }

    private static void assertSameVerdicts(BayesFilter actual, BayesFilter expected) {
        for (int i = 100; i < 110; i++) {
            for (String[] words : List.of(SPAM, HAM)) {
                byte[] probe = message(words[i % words.length] + " " + words[(i + 1) % words.length], i);
                assertThat(actual.spamProbability(probe)).isEqualTo(expected.spamProbability(probe));
            }
        }
    }

    private static byte[] message(String body, int seed) {
        return ("Subject: note " + seed + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + " " + seed + "\r\n")
            .getBytes(StandardCharsets.UTF_8);
    }
}
