package org.tracewall.bench;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tracewall.core.content.ContentRules;
import org.tracewall.core.content.MessageContent;
import org.tracewall.core.score.Direction;
import org.tracewall.core.score.KnownSymbol;
import org.tracewall.core.score.ScoreConfig;
import org.tracewall.core.score.ScoreDecision;
import org.tracewall.core.score.ScoreInput;
import org.tracewall.core.score.ScoringPolicy;
import org.tracewall.core.score.Symbol;
import org.tracewall.reputation.bayes.BayesFilter;
import org.tracewall.reputation.bayes.BayesModel;
import org.tracewall.reputation.text.AttachmentReader;
import org.tracewall.reputation.text.MessageText;
import org.tracewall.reputation.text.MessageTextExtractor;
import org.tracewall.reputation.text.Tokenizer;

/**
 * The whole content pipeline of one message, as the mailet container runs it once per message:
 * the raw bytes read into text (MIME, charsets, HTML stripped, attachments named), the Bayes
 * probability over a trained model, and the score with content rules on a header and the body.
 * A 5 KB HTML-and-text message, and a 100 KB one with a PDF attached. Single thread: the
 * figure is messages per second per core; {@code -prof gc} adds the allocation per message.
 *
 * <pre>
 * java -jar bench/target/tracewall-bench.jar ContentPipelineBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class ContentPipelineBenchmark {
    private static final String[] SPAM = {"invoice", "discount", "winner", "casino", "offer", "pills", "cheap", "prize"};
    private static final String[] HAM = {"meeting", "agenda", "project", "review", "budget", "release", "minutes", "report"};

    @Param({"5k", "100k-attachment"})
    public String message;

    private byte[] raw;
    private BayesFilter bayes;
    private ScoringPolicy scoring;
    private ContentRules rules;
    private InetAddress client;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        bayes = new BayesFilter(BayesModel.loadOrEmpty(Path.of("target/no-such-model")), Tokenizer.standard());
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            bayes.learn(simple("m" + i, words(random, i % 2 == 0 ? SPAM : HAM, 80)).getBytes(StandardCharsets.UTF_8), i % 2 == 0);
        }
        Map<String, String> properties = Map.of(
            "score.rule.INVOICE.in", "Subject", "score.rule.INVOICE.pattern", "(?i)invoice", "score.rule.INVOICE.weight", "3",
            "score.rule.CASINO.in", "body", "score.rule.CASINO.pattern", "(?i)casino.{0,20}bonus", "score.rule.CASINO.weight", "4");
        ScoreConfig score = ScoreConfig.read(properties);
        scoring = score.policy();
        rules = score.contentRules();
        client = InetAddress.getByName("192.0.2.10");
        raw = (message.equals("5k") ? htmlAndText(random, 5 * 1024) : withAttachment(random, 100 * 1024)).getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public ScoreDecision readClassifyAndScore() {
        MessageText text = MessageTextExtractor.extract(raw, AttachmentReader.NONE);
        double p = bayes.spamProbability(text);
        MessageContent content = new MessageContent() {
            @Override
            public List<String> header(String name) {
                return name.equalsIgnoreCase("Subject") ? List.of(text.subject()) : List.of();
            }

            @Override
            public String bodyText() {
                return text.body();
            }
        };
        List<Symbol> symbols = new ArrayList<>(rules.detect(content));
        symbols.add(KnownSymbol.BAYES.symbol(2 * p - 1, ""));
        return scoring.evaluate(new ScoreInput(client, "example.test", List.of("tracewall.local"), Direction.INBOUND, symbols));
    }

    private static String simple(String subject, String body) {
        return "From: a@example.test\r\nSubject: " + subject + "\r\n\r\n" + body + "\r\n";
    }

    private static String htmlAndText(Random random, int size) {
        String text = words(random, SPAM, size / 14);
        return "From: Shop <news@example.test>\r\nTo: bob@tracewall.local\r\nSubject: Your invoice and offer\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n"
            + "--b1\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + text + "\r\n"
            + "--b1\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<html><body><p>" + text.replace(". ", ".</p><p>")
            + " <a href=\"http://shop.example.test/x\">www.shop.example.test</a></p></body></html>\r\n--b1--\r\n";
    }

    private static String withAttachment(Random random, int size) {
        byte[] pdf = new byte[size * 3 / 4 - 4096];
        random.nextBytes(pdf);
        return "From: Billing <billing@example.test>\r\nTo: bob@tracewall.local\r\nSubject: invoice attached\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b2\"\r\n\r\n"
            + "--b2\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + words(random, HAM, 300) + "\r\n"
            + "--b2\r\nContent-Type: application/pdf; name=\"invoice.pdf\"\r\nContent-Disposition: attachment; filename=\"invoice.pdf\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(pdf) + "\r\n--b2--\r\n";
    }

    private static String words(Random random, String[] vocabulary, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(vocabulary[random.nextInt(vocabulary.length)]).append(i % 12 == 11 ? ". " : " ");
        }
        return text.toString();
    }
}
