package org.tracewall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracewall.store.MvStoreStateStore;
import org.tracewall.testing.redis.RedisServerProcess;

class BayesCommandsTest {
    private static final String[] SPAM = {"viagra", "cheap", "pills", "casino", "lottery", "winner", "prize", "发票", "代开"};
    private static final String[] HAM = {"meeting", "agenda", "project", "report", "schedule", "review", "budget", "会议", "纪要"};

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void corpus() throws IOException {
        write("spam", SPAM, 60);
        write("ham", HAM, 60);
    }

    private void write(String label, String[] words, int count) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(label));
        for (int i = 0; i < count; i++) {
            StringBuilder body = new StringBuilder();
            for (int j = 0; j < 5; j++) {
                body.append(words[(i + j * 2) % words.length]).append(' ');
            }
            Files.writeString(folder.resolve(label + i + ".eml"), "Subject: " + label + " " + i
                + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + i + "\r\n", StandardCharsets.UTF_8);
        }
        Files.writeString(folder.resolve(label + "0.json"), "{}");
    }

    private int run(String... args) {
        out.reset();
        return TracewallCli.execute(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8), args);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void learnAndScanShouldAnswerInJsonWithoutProgressWhenNotInATerminal() throws IOException {
        Path model = dir.resolve("json.model");
        assertThat(run("learn", "--json", "--spam", dir.resolve("spam").toString(), "--ham", dir.resolve("ham").toString(),
            "--model", model.toString())).isZero();
        assertThat(output()).startsWith("{\"learned\":120,\"relearned\":0,\"alreadyKnown\":0,\"forgotten\":0,\"notLearned\":0,"
            + "\"unrecordedLabel\":0,\"skipped\":0,\"seconds\":")
            .contains("\"spamMessages\":60,\"hamMessages\":60").doesNotContain("\r");

        Path unknownSpam = dir.resolve("json-spam.eml");
        Files.writeString(unknownSpam, "Subject: hi\r\n\r\ncheap pills casino winner\r\n");
        assertThat(run("scan", "--json", "--model", model.toString(), unknownSpam.toString())).isZero();
        assertThat(output()).matches("\\{\"path\":\"[^\"]*json-spam.eml\",\"probability\":(0\\.9\\d*|1\\.0),\"verdict\":\"spam\"}\n");
    }

    /** James (bayes.store=file) keeps the model in memory and writes it back: learning into its file while it runs would be lost. */
    @Test
    void learnShouldRefuseAModelFileARunningJamesHoldsUnlessForced() throws IOException {
        Path var = Files.createDirectories(dir.resolve("james-var/tracewall"));
        Path model = var.resolve("bayes.model");
        try (MvStoreStateStore running = MvStoreStateStore.open(var.resolve("state.mv.db"))) {
            assertThat(run("learn", "--spam", dir.resolve("spam").toString(), "--model", model.toString()))
                .isEqualTo(LearnCommand.EX_TEMPFAIL);
            assertThat(output()).contains("A running James holds " + var.resolve("state.mv.db"));
            assertThat(Files.exists(model)).isFalse();

            assertThat(run("learn", "--force", "--spam", dir.resolve("spam").toString(), "--model", model.toString())).isZero();
            assertThat(Files.exists(model)).isTrue();
        }
        assertThat(run("learn", "--spam", dir.resolve("ham").toString(), "--model", model.toString())).as("James stopped").isZero();
    }

    @Test
    void evalShouldAnswerInJson() {
        assertThat(run("eval", "--json", "--spam", dir.resolve("spam").toString(), "--ham", dir.resolve("ham").toString())).isZero();

        assertThat(output()).startsWith("{\"train\":{\"spam\":").contains("\"test\":{\"spam\":", "\"spamRecall\":",
            "\"hamFalsePositives\":", "\"recallAtFalsePositives1%\":").doesNotContain("train: ").endsWith("}\n");
    }

    @Test
    void aMessageThatCannotBeReadShouldBeSkippedWithAWarningNotEndTheRun() throws IOException {
        List<Corpus.Sample> samples = Corpus.folders(List.of(dir.resolve("spam")), true);
        Files.delete(dir.resolve("spam").resolve("spam3.eml"));
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(warnings, true, StandardCharsets.UTF_8);

        long read = samples.stream().filter(sample -> Corpus.readOrWarn(sample, err).isPresent()).count();

        assertThat(read).isEqualTo(samples.size() - 1);
        assertThat(warnings.toString(StandardCharsets.UTF_8)).startsWith("tracewall: skipped ").contains("spam3.eml");
    }

    @Test
    void learnShouldCountEachMessageOnceAndScanShouldSeparateSpamFromHam() throws IOException {
        Path model = dir.resolve("bayes.model");
        assertThat(run("learn", "--spam", dir.resolve("spam").toString(), "--ham", dir.resolve("ham").toString(),
            "--model", model.toString())).isZero();
        assertThat(output()).contains("learned 120 messages (0 already known)", "model: 60 spam, 60 ham");

        assertThat(run("learn", "--spam", dir.resolve("spam").toString(), "--model", model.toString())).isZero();
        assertThat(output()).contains("learned 0 messages (60 already known)");

        Path unknownSpam = dir.resolve("new-spam.eml");
        Files.writeString(unknownSpam, "Subject: hi\r\n\r\ncheap pills casino winner\r\n");
        Path unknownHam = dir.resolve("new-ham.eml");
        Files.writeString(unknownHam, "Subject: hi\r\n\r\nproject meeting agenda review\r\n");
        assertThat(run("scan", "--model", model.toString(), unknownSpam.toString(), unknownHam.toString())).isZero();
        assertThat(output()).containsPattern("new-spam.eml\t(0\\.9\\d{3}|1\\.0000)\tspam").containsPattern("new-ham.eml\t0\\.0\\d{3}\tham");
    }

    /** As sa-learn: learning under the other label moves a message there; --forget takes it out. */
    @Test
    void learnShouldMoveAMislabelledFolderAndForgetShouldTakeItOut() throws IOException {
        Path model = dir.resolve("corrected.model");
        String spam = dir.resolve("spam").toString();
        String ham = dir.resolve("ham").toString();
        assertThat(run("learn", "--ham", spam, "--ham", ham, "--model", model.toString())).isZero();
        assertThat(output()).contains("model: 0 spam, 120 ham");

        assertThat(run("learn", "--spam", spam, "--model", model.toString())).isZero();
        assertThat(output()).contains("learned 0 messages (0 already known, 60 moved to the other label)", "model: 60 spam, 60 ham");
        Path unknownSpam = dir.resolve("corrected-spam.eml");
        Files.writeString(unknownSpam, "Subject: hi\r\n\r\ncheap pills casino winner\r\n");
        assertThat(run("scan", "--model", model.toString(), unknownSpam.toString())).isZero();
        assertThat(output()).containsPattern("corrected-spam.eml\t(0\\.9\\d{3}|1\\.0000)\tspam");

        assertThat(run("learn", "--json", "--forget", spam, "--forget", unknownSpam.toString(), "--model", model.toString())).isZero();
        assertThat(output()).contains("\"forgotten\":60,\"notLearned\":1,", "\"spamMessages\":0,\"hamMessages\":60");
    }

    @Test
    void evalShouldPrintTheFigures() {
        assertThat(run("eval", "--spam", dir.resolve("spam").toString(), "--ham", dir.resolve("ham").toString())).isZero();
        assertThat(output()).containsPattern("train: \\d+ spam, \\d+ ham")
            .containsPattern("at threshold 0.90: spam recall \\d+\\.\\d\\d%, ham false positives \\d+\\.\\d\\d%")
            .contains("recall at FP <= 0.1%", "recall at FP <= 1.0%", "msg/s on 1 thread", "peak heap");
    }

    @Test
    void evalShouldRefuseAnEmptyCorpus() {
        assertThat(run("eval")).isEqualTo(64);
        assertThat(output()).contains("Nothing to evaluate");
    }

    @Test
    void scanShouldExplainAMissingModel() {
        assertThat(run("scan", "--model", dir.resolve("none").toString(), dir.toString())).isEqualTo(TracewallCli.EX_NOINPUT);
        assertThat(output()).contains("run tracewall learn first");
    }

    @Test
    void learnShouldReadMboxFilesMessageByMessage() throws IOException {
        Path mbox = dir.resolve("Junk.mbox");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            text.append("From spammer@example.com Mon Jan  1 00:00:00 2024\n")
                .append("Subject: offer ").append(i).append("\n\n")
                .append(SPAM[i % SPAM.length]).append(' ').append(SPAM[(i + 3) % SPAM.length]).append(" number ").append(i).append('\n')
                .append(">From here on, a quoted line\n\n");
        }
        Files.writeString(mbox, text.toString(), StandardCharsets.UTF_8);
        Path model = dir.resolve("bayes.model");

        assertThat(run("learn", "--spam", mbox.toString(), "--ham", dir.resolve("ham").toString(), "--model", model.toString())).isZero();
        assertThat(output()).contains("learned 90 messages (0 already known)", "model: 30 spam, 60 ham");

        assertThat(Mbox.read(mbox, Mbox.index(mbox).get(1)[0], Mbox.index(mbox).get(1)[1]))
            .asString(StandardCharsets.UTF_8).startsWith("Subject: offer 1\n").contains("\nFrom here on");
    }

    @Test
    void learnAndScanShouldUseASharedRedisStore() throws IOException {
        try (RedisServerProcess redis = RedisServerProcess.startOnFreePort()) {
            assertThat(run("learn", "--spam", dir.resolve("spam").toString(), "--ham", dir.resolve("ham").toString(),
                "--store", redis.uri())).isZero();
            assertThat(output()).contains("learned 120 messages", "model: 60 spam, 60 ham", "state store redis " + redis.uri());

            Path unknownSpam = dir.resolve("new-spam.eml");
            Files.writeString(unknownSpam, "Subject: hi\r\n\r\ncheap pills casino winner\r\n");
            assertThat(run("scan", "--store", redis.uri(), unknownSpam.toString())).isZero();
            assertThat(output()).containsPattern("new-spam.eml\t(0\\.9\\d{3}|1\\.0000)\tspam");

            assertThat(run("learn", "--ham", dir.resolve("spam").toString(), "--store", redis.uri())).isZero();
            assertThat(output()).contains("60 moved to the other label", "model: 0 spam, 120 ham");
            assertThat(run("learn", "--forget", dir.resolve("spam").toString(), "--store", redis.uri())).isZero();
            assertThat(output()).contains("forgot 60 (0 not learned)", "model: 0 spam, 60 ham");
        }
    }

    @Test
    void learnShouldUseTheEmbeddedStoreFileJamesReads() throws IOException {
        Path state = dir.resolve("var/tracewall/state.mv.db");
        assertThat(run("learn", "--spam", dir.resolve("spam").toString(), "--ham", dir.resolve("ham").toString(),
            "--store", "embedded:" + state)).isZero();
        assertThat(run("learn", "--spam", dir.resolve("spam").toString(), "--store", "embedded:" + state)).isZero();
        assertThat(output()).contains("learned 0 messages (60 already known)", "model: 60 spam, 60 ham");
    }

    @Test
    void learnShouldNeedExactlyOneModelLocation() {
        assertThat(run("learn", "--spam", dir.resolve("spam").toString())).isEqualTo(64);
        assertThat(output()).contains("Give either --model FILE or --store URI");
        assertThat(run("learn", "--spam", dir.resolve("spam").toString(), "--store", "mysql://x")).isNotZero();
        assertThat(output()).contains("expected redis://host:port or embedded:");
    }

    @Test
    void aMessageFileWithAnMboxFromLineShouldStayOneMessageNamedByItsFile() throws IOException {
        Path model = dir.resolve("bayes.model");
        assertThat(run("learn", "--spam", dir.resolve("spam").toString(), "--ham", dir.resolve("ham").toString(),
            "--model", model.toString())).isZero();
        Path file = dir.resolve("00001.7848dde101aa985090474a91ec93fcf0");
        Files.writeString(file, "From someone@example.com  Thu Aug 22 13:17:22 2002\nSubject: hi\n\ncheap pills casino\n");

        assertThat(run("scan", "--model", model.toString(), file.toString())).isZero();
        assertThat(output()).startsWith(file + "\t");
    }
}
