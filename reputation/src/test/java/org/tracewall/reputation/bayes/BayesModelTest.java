package org.tracewall.reputation.bayes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BayesModelTest {
    @Test
    void learnShouldCountAMessageIdOnlyOnce() {
        BayesModel model = new BayesModel();
        assertThat(model.learn(List.of("free", "money"), LearnedAs.SPAM, "id-1")).isTrue();
        assertThat(model.learn(List.of("free", "money"), LearnedAs.SPAM, "id-1")).isFalse();
        assertThat(model.spamMessages()).isEqualTo(1);
        assertThat(model.counts("free")).containsExactly(1, 0);
    }

    @Test
    void saveAndLoadShouldKeepCountsAndLearnedIds(@TempDir Path dir) throws IOException {
        BayesModel model = new BayesModel();
        model.learn(List.of("free", "发票"), LearnedAs.SPAM, "a");
        model.learn(List.of("meeting", "发票"), LearnedAs.HAM, "b");
        Path file = dir.resolve("sub/bayes.model");
        model.save(file);

        BayesModel loaded = BayesModel.load(file);

        assertThat(loaded.spamMessages()).isEqualTo(1);
        assertThat(loaded.hamMessages()).isEqualTo(1);
        assertThat(loaded.counts("发票")).containsExactly(1, 1);
        assertThat(loaded.isLearned("b")).isTrue();
        assertThat(loaded.learn(List.of("x"), LearnedAs.SPAM, "a")).isFalse();
    }

    @Test
    void loadShouldNameAFileThatIsNotAModel(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("not-a-model");
        Files.write(file, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        assertThatThrownBy(() -> BayesModel.load(file)).isInstanceOf(IOException.class);
    }

    @Test
    void anUntrainedClassifierShouldSayItDoesNotKnow() {
        BayesClassifier classifier = new BayesClassifier(new BayesModel());
        assertThat(classifier.isTrained()).isFalse();
        assertThat(classifier.spamProbability(List.of("free"))).isEqualTo(0.5);
    }

    @Test
    void chi2QShouldMatchKnownValues() {
        assertThat(BayesClassifier.chi2Q(0, 2)).isEqualTo(1.0);
        assertThat(BayesClassifier.chi2Q(2 * Math.log(2), 2)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(BayesClassifier.chi2Q(1000, 10)).isLessThan(1e-100);
    }
}
