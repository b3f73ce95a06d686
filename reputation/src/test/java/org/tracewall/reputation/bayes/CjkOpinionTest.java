package org.tracewall.reputation.bayes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracewall.reputation.text.MessageTextExtractor;

class CjkOpinionTest {
    private static int[] features(String subject, String body) {
        return CjkNgrams.of(MessageTextExtractor.extract(("Subject: " + subject
            + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void textWithoutCjkShouldHaveNoFeaturesSoBayesDecidesAlone() {
        assertThat(features("cheap pills", "Buy now, limited offer!!! 100% free")).isEmpty();
        assertThat(CjkOpinion.combine(0.97, 0)).isEqualTo(0.97);
    }

    @Test
    void cjkTextShouldGiveDistinctBucketsInRange() {
        int[] f = features("发票", "本公司长期代开各类发票，联系１３８");
        assertThat(f).isNotEmpty().doesNotHaveDuplicates().isSorted();
        assertThat(Arrays.stream(f).min().getAsInt()).isGreaterThanOrEqualTo(0);
        assertThat(Arrays.stream(f).max().getAsInt()).isLessThan(CjkNgrams.BUCKETS);
        assertThat(features("发票", "本公司长期代开各类发票，联系１３８")).isEqualTo(f);
        assertThat(CjkNgrams.cjkOnly("abc 代开 def 发票")).isEqualTo("代开 发票");
    }

    @Test
    void learningShouldMoveTheMarginUntilTheMessageClearsIt() {
        BayesModel model = new BayesModel();
        CjkOpinion opinion = new CjkOpinion(model);
        int[] spam = features("代开发票", "长期代开各类发票");
        for (int i = 0; i < 1000; i++) {
            opinion.learn(spam, true);
        }
        // Steps stop once the message clears the margin: it ends just past it, not 1000 steps away.
        assertThat(opinion.margin(spam)).isGreaterThanOrEqualTo(CjkOpinion.MARGIN).isLessThan(CjkOpinion.MARGIN + 1);
        assertThat(CjkOpinion.combine(0.5, opinion.margin(spam))).isGreaterThan(0.7);
    }

    @Test
    void weightsShouldSurviveSaveAndLoad(@TempDir Path dir) throws IOException {
        BayesModel model = new BayesModel();
        int[] buckets = {3, 77, CjkNgrams.BUCKETS - 1};
        model.addToNgramWeights(buckets, 5);
        model.addToNgramWeights(new int[] {77}, -2);
        Path file = dir.resolve("bayes.model");
        model.save(file);

        BayesModel loaded = BayesModel.load(file);
        assertThat(loaded.ngramWeightSum(buckets)).isEqualTo(13);
        assertThat(loaded.ngramWeightSum(new int[] {77})).isEqualTo(3);
    }

    @Test
    void aVersionOneModelShouldStillLoad(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("v1.model");
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(0x54574259);
            out.writeInt(1);
            out.writeInt(1); // spam
            out.writeInt(0); // ham
            out.writeInt(1);
            out.writeUTF("free");
            out.writeInt(1);
            out.writeInt(0);
            out.writeInt(0); // learned ids
        }
        BayesModel loaded = BayesModel.load(file);
        assertThat(loaded.spamMessages()).isEqualTo(1);
        assertThat(loaded.lookup(List.of("free")).counts("free")).containsExactly(1, 0);
        assertThat(loaded.ngramWeightSum(new int[] {1, 2})).isZero();
    }
}
