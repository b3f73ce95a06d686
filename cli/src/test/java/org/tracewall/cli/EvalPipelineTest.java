package org.tracewall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eval --pipeline}: the whole content pipeline against Bayes alone, on a corpus made so that
 * Bayes cannot tell one kind of spam from ham (written in ham's words) but a URL list (served from
 * a zone file) and a known-spam fingerprint can.
 */
class EvalPipelineTest {
    private static final String[] SPAM = {"viagra", "cheap", "pills", "casino", "lottery", "winner", "prize", "发票", "代开"};
    private static final String[] HAM = {"meeting", "agenda", "project", "report", "schedule", "review", "budget", "会议", "纪要"};
    private static final String CAMPAIGN = "dear customer your parcel could not be delivered because the address was incomplete "
        + "please confirm your details within two days or the parcel returns to the sender reference ";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void corpus() throws IOException {
        for (int i = 0; i < 40; i++) {
            write("train-spam", i, words(SPAM, i));
            write("train-ham", i, words(HAM, i));
            write("test-ham", i, words(HAM, i + 100) + " see http://good.example/agenda");
        }
        for (int i = 0; i < 20; i++) {
            // Ham's words, a listed shop: only the URL list sees it.
            write("test-spam", i, words(HAM, i + 200) + " order at http://www.spam-shop.example/buy?id=" + i);
        }
        Files.writeString(dir.resolve("uribl.zone"), "$ORIGIN uribl.test.\n$TTL 300\n@ IN SOA ns hostmaster 1 3600 600 86400 60\n"
            + "spam-shop.example IN A 127.0.0.2\n");
        Files.writeString(dir.resolve("tracewall.properties"), "dnsbl.list.shop.zone=uribl.test\ndnsbl.list.shop.type=url\n"
            + "score.weight.URIBL=12\n");
    }

    private static String words(String[] words, int seed) {
        StringBuilder body = new StringBuilder();
        for (int j = 0; j < 6; j++) {
            body.append(words[(seed + j * 2) % words.length]).append(' ');
        }
        return body.toString() + seed;
    }

    private void write(String folder, int i, String body) throws IOException {
        Path path = Files.createDirectories(dir.resolve(folder));
        Files.writeString(path.resolve(folder + i + ".eml"), "Subject: message " + i
            + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n", StandardCharsets.UTF_8);
    }

    private int eval(String... extra) {
        out.reset();
        String[] args = {"eval", "--json", "--train-spam", dir.resolve("train-spam").toString(), "--train-ham", dir.resolve("train-ham").toString(),
            "--test-spam", dir.resolve("test-spam").toString(), "--test-ham", dir.resolve("test-ham").toString()};
        String[] all = new String[args.length + extra.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
        return TracewallCli.execute(stream, stream, all);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theUrlListShouldCatchWhatBayesAloneMisses() {
        assertThat(eval("--pipeline", "--config", dir.resolve("tracewall.properties").toString(), "--zone",
            dir.resolve("uribl.zone").toString())).isZero();

        String json = output();
        assertThat(json).contains("\"recallAtFalsePositives1%\":0.0,").as("Bayes alone");
        assertThat(json.substring(json.indexOf("\"pipeline\":"))).contains("\"recallAtFalsePositives1%\":1.0,", "\"spamRecallAtTag\":1.0,",
            "\"hamFalsePositivesAtTag\":0,", "\"URIBL\":{\"spam\":20,\"ham\":0}");
    }

    @Test
    void withoutTheZoneTheListShouldNotAnswerAndBayesShouldDecideAlone() {
        assertThat(eval("--pipeline", "--config", dir.resolve("tracewall.properties").toString())).isZero();

        String pipeline = output().substring(output().indexOf("\"pipeline\":"));
        assertThat(pipeline).contains("\"recallAtFalsePositives1%\":0.0,").doesNotContain("URIBL");
    }

    @Test
    void reportedTrainingSpamShouldMarkItsCopiesAsKnownSpam() throws IOException {
        for (int i = 0; i < 5; i++) {
            write("train-spam", 100 + i, CAMPAIGN + (1000 + i));
            write("test-spam", 100 + i, "Hello, " + CAMPAIGN + (2000 + i));
        }

        assertThat(eval("--pipeline")).isZero();
        assertThat(output()).doesNotContain("FUZZY_SPAM");

        assertThat(eval("--pipeline", "--report-train-spam")).isZero();
        assertThat(output()).contains("\"FUZZY_SPAM\":{\"spam\":5,\"ham\":0}");
    }

    @Test
    void aZoneFileWithoutSoaShouldStopTheRunNamingTheFile() throws IOException {
        Path bare = Files.writeString(dir.resolve("bare.zone"), "$ORIGIN uribl.test.\nspam-shop.example 300 IN A 127.0.0.2\n");

        assertThat(eval("--pipeline", "--zone", bare.toString())).isNotZero();
        assertThat(output()).contains("bare.zone: no SOA record");
    }
}
