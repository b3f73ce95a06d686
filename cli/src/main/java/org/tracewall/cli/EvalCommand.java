package org.tracewall.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.tracewall.core.config.ConfigValues;
import org.tracewall.core.score.ScoreDecision;
import org.tracewall.reputation.bayes.BayesFilter;
import org.tracewall.reputation.bayes.BayesModel;
import org.tracewall.reputation.text.Tokenizer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Trains on one part of a labelled corpus and measures on the other: spam recall and ham false
 * positives at the default threshold, recall at a false-positive budget (k = floor(budget x test
 * ham) false positives allowed, threshold picked on the test scores), training time, scan
 * throughput on one thread and on all cores (extraction + tokens + classifier, messages already
 * in memory), and peak heap. With {@code --pipeline}, the same test messages scored by every content
 * check together ({@link PipelineRun}), in points, beside Bayes alone.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Measure the Bayes filter, and with --pipeline the whole content pipeline, on a labelled corpus "
        + "(train/test split by sha1(file name) %% 10 < 7, or explicit folders).")
final class EvalCommand implements Callable<Integer> {
    private final PrintStream out;

    @Option(names = "--spam", description = "spam folder(s), split by the rule")
    List<Path> spam = new ArrayList<>();
    @Option(names = "--ham", description = "ham folder(s), split by the rule")
    List<Path> ham = new ArrayList<>();
    @Option(names = "--labels", description = "a labels file (spam|ham<TAB>file), split by the rule")
    Path labels;
    @Option(names = "--train-spam", description = "spam folder(s) to train on")
    List<Path> trainSpam = new ArrayList<>();
    @Option(names = "--train-ham", description = "ham folder(s) to train on")
    List<Path> trainHam = new ArrayList<>();
    @Option(names = "--test-spam", description = "spam folder(s) to test on")
    List<Path> testSpam = new ArrayList<>();
    @Option(names = "--test-ham", description = "ham folder(s) to test on")
    List<Path> testHam = new ArrayList<>();
    @Option(names = "--cjk", defaultValue = "BIGRAMS_AND_TRIGRAMS", description = "how Chinese text is cut: ${COMPLETION-CANDIDATES}")
    Tokenizer.CjkMode cjk;

    @Option(names = "--pipeline", description = "score the whole content pipeline too (content rules, Bayes, URL lists, "
        + "fingerprints, with the weights and thresholds of --config) and compare it with Bayes alone")
    boolean pipeline;
    @Option(names = "--config", description = "a tracewall.properties for --pipeline (score.*, dnsbl.list.* of type url, fingerprint.*); "
        + "its store is replaced by memory")
    Path config;
    @Option(names = "--zone", description = "a DNS zone file (RFC 1035, with its SOA) that serves a URL list of --config; "
        + "no other DNS is asked")
    List<Path> zones = new ArrayList<>();
    @Option(names = "--report-train-spam", description = "with --pipeline: report each training spam's fingerprint as known spam, "
        + "as spam reports do (copies then score FUZZY_SPAM)")
    boolean reportTrainSpam;

    @Option(names = "--errors", defaultValue = "0", description = "list the N highest-scoring ham and lowest-scoring spam")
    int errors;

    @Option(names = "--json", description = "print the figures as one JSON object")
    boolean json;

    private final PrintStream err;

    EvalCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        List<Corpus.Sample> train = new ArrayList<>();
        List<Corpus.Sample> test = new ArrayList<>();
        List<Corpus.Sample> split = new ArrayList<>(Corpus.folders(spam, true));
        split.addAll(Corpus.folders(ham, false));
        if (labels != null) {
            split.addAll(Corpus.labels(labels));
        }
        for (Corpus.Sample sample : split) {
            (Corpus.isTrain(sample) ? train : test).add(sample);
        }
        train.addAll(Corpus.folders(trainSpam, true));
        train.addAll(Corpus.folders(trainHam, false));
        test.addAll(Corpus.folders(testSpam, true));
        test.addAll(Corpus.folders(testHam, false));
        if (train.isEmpty() || test.isEmpty()) {
            err.println("Nothing to evaluate: give --spam/--ham (or --labels), or --train-*/--test-* folders");
            return 64;
        }
        BayesModel model = new BayesModel();
        BayesFilter filter = new BayesFilter(model, new Tokenizer(cjk));
        try (PipelineRun run = pipeline ? PipelineRun.start(config, zones, filter) : null) {
            return evaluate(train, test, model, filter, run);
        }
    }

    private int evaluate(List<Corpus.Sample> train, List<Corpus.Sample> test, BayesModel model, BayesFilter filter, PipelineRun run) {
        long start = System.nanoTime();
        for (Corpus.Sample sample : train) {
            Corpus.readOrWarn(sample, err).ifPresent(message -> {
                filter.learn(message, sample.spam);
                if (run != null && reportTrainSpam && sample.spam) {
                    run.reportSpam(message);
                }
            });
        }
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> trained = new LinkedHashMap<>();
        trained.put("spam", model.spamMessages());
        trained.put("ham", model.hamMessages());
        trained.put("seconds", round(trainSeconds));
        trained.put("tokens", model.tokenCount());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("train", trained);
        if (!json) {
            out.printf(Locale.ROOT, "train: %d spam, %d ham in %.1f s; %d tokens%n", model.spamMessages(),
                model.hamMessages(), trainSeconds, model.tokenCount());
        }
        report(filter, test, report);
        if (run != null) {
            reportPipeline(run, test, report);
        }
        if (json) {
            out.println(Json.object(report));
        }
        return 0;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    private void report(BayesFilter filter, List<Corpus.Sample> listed, Map<String, Object> report) {
        List<Corpus.Sample> test = new ArrayList<>();
        List<byte[]> messages = new ArrayList<>();
        for (Corpus.Sample sample : listed) {
            Corpus.readOrWarn(sample, err).ifPresent(message -> {
                test.add(sample);
                messages.add(message);
            });
        }
        long start = System.nanoTime();
        double[] scores = new double[messages.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = filter.spamProbability(messages.get(i));
        }
        double oneThread = messages.size() / ((System.nanoTime() - start) / 1e9);
        int cores = Runtime.getRuntime().availableProcessors();
        start = System.nanoTime();
        ForkJoinPool pool = new ForkJoinPool(cores);
        try {
            pool.submit(() -> IntStream.range(0, messages.size()).parallel().forEach(i -> filter.spamProbability(messages.get(i)))).join();
        } finally {
            pool.shutdown();
        }
        double allCores = messages.size() / ((System.nanoTime() - start) / 1e9);

        List<Double> spamScores = new ArrayList<>();
        List<Double> hamScores = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            (test.get(i).spam ? spamScores : hamScores).add(scores[i]);
        }
        Metrics metrics = new Metrics(spamScores, hamScores);
        Map<String, Object> tested = new LinkedHashMap<>();
        tested.put("spam", spamScores.size());
        tested.put("ham", hamScores.size());
        report.put("test", tested);
        report.put("threshold", BayesFilter.SPAM_CUTOFF);
        report.put("spamRecall", round(metrics.recallAt(BayesFilter.SPAM_CUTOFF)));
        report.put("hamFalsePositiveRate", round(metrics.falsePositiveRate(BayesFilter.SPAM_CUTOFF)));
        report.put("hamFalsePositives", metrics.falsePositives(BayesFilter.SPAM_CUTOFF));
        report.put("recallAtFalsePositives0.1%", round(metrics.recallAtBudget(0.001)));
        report.put("recallAtFalsePositives1%", round(metrics.recallAtBudget(0.01)));
        report.put("messagesPerSecondOneThread", Math.round(oneThread));
        report.put("messagesPerSecondAllThreads", Math.round(allCores));
        report.put("threads", cores);
        report.put("peakHeapMegabytes", peakHeapMegabytes());
        if (json) {
            return;
        }
        out.printf(Locale.ROOT, "test: %d spam, %d ham%n", spamScores.size(), hamScores.size());
        out.printf(Locale.ROOT, "at threshold %.2f: spam recall %.2f%%, ham false positives %.2f%% (%d)%n",
            BayesFilter.SPAM_CUTOFF, 100 * metrics.recallAt(BayesFilter.SPAM_CUTOFF), 100 * metrics.falsePositiveRate(BayesFilter.SPAM_CUTOFF),
            metrics.falsePositives(BayesFilter.SPAM_CUTOFF));
        for (double budget : new double[] {0.001, 0.01}) {
            out.printf(Locale.ROOT, "recall at FP <= %.1f%%: %.2f%% (k=%d false positives allowed)%n", 100 * budget,
                100 * metrics.recallAtBudget(budget), metrics.allowed(budget));
        }
        out.printf(Locale.ROOT, "scan: %.0f msg/s on 1 thread, %.0f msg/s on %d threads%n", oneThread, allCores, cores);
        out.printf(Locale.ROOT, "peak heap: %d MB%n", peakHeapMegabytes());
        listErrors(test, scores);
    }

    /**
     * The whole pipeline's scores of the test messages against Bayes alone: recall at the budgets
     * and at the tag threshold, and how often each symbol fired on spam and on ham.
     */
    private void reportPipeline(PipelineRun run, List<Corpus.Sample> listed, Map<String, Object> report) {
        List<Double> spamScores = new ArrayList<>();
        List<Double> hamScores = new ArrayList<>();
        Map<String, int[]> fired = new TreeMap<>();
        for (Corpus.Sample sample : listed) {
            Corpus.readOrWarn(sample, err).ifPresent(message -> {
                ScoreDecision decision = run.score(message);
                (sample.spam ? spamScores : hamScores).add(decision.score());
                decision.contributions().forEach(c -> fired.computeIfAbsent(c.name(), name -> new int[2])[sample.spam ? 0 : 1]++);
            });
        }
        Metrics metrics = new Metrics(spamScores, hamScores);
        double tag = run.thresholds().tag();
        Map<String, Object> whole = new LinkedHashMap<>();
        whole.put("tagThreshold", tag);
        whole.put("spamRecallAtTag", round(metrics.recallAt(tag)));
        whole.put("hamFalsePositivesAtTag", metrics.falsePositives(tag));
        whole.put("recallAtFalsePositives0.1%", round(metrics.recallAtBudget(0.001)));
        whole.put("recallAtFalsePositives1%", round(metrics.recallAtBudget(0.01)));
        whole.put("symbols", symbolCounts(fired));
        if (!json) {
            printPipeline(metrics, tag, fired, report);
        }
        report.put("pipeline", whole);
    }

    private static Map<String, Object> symbolCounts(Map<String, int[]> fired) {
        Map<String, Object> symbols = new LinkedHashMap<>();
        fired.forEach((name, counts) -> {
            Map<String, Object> count = new LinkedHashMap<>();
            count.put("spam", counts[0]);
            count.put("ham", counts[1]);
            symbols.put(name, count);
        });
        return symbols;
    }

    /** @param bayesAlone the report so far, whose recall figures are Bayes alone's */
    private void printPipeline(Metrics metrics, double tag, Map<String, int[]> fired, Map<String, Object> bayesAlone) {
        out.printf(Locale.ROOT, "pipeline (content rules, Bayes, URL lists, fingerprints; score points):%n");
        out.printf(Locale.ROOT, "  at the tag threshold %s: spam recall %.2f%%, ham false positives %d%n", ConfigValues.format(tag),
            100 * metrics.recallAt(tag), metrics.falsePositives(tag));
        out.printf(Locale.ROOT, "  recall at FP <= 0.1%%: %.2f%% (Bayes alone: %.2f%%)%n", 100 * metrics.recallAtBudget(0.001),
            100 * (double) bayesAlone.get("recallAtFalsePositives0.1%"));
        out.printf(Locale.ROOT, "  recall at FP <= 1.0%%: %.2f%% (Bayes alone: %.2f%%)%n", 100 * metrics.recallAtBudget(0.01),
            100 * (double) bayesAlone.get("recallAtFalsePositives1%"));
        fired.forEach((name, counts) -> out.printf(Locale.ROOT, "  %-24s spam %5d  ham %5d%n", name, counts[0], counts[1]));
    }

    private void listErrors(List<Corpus.Sample> test, double[] scores) {
        if (errors <= 0) {
            return;
        }
        List<Integer> order = IntStream.range(0, scores.length).boxed().collect(Collectors.toList());
        order.sort((a, b) -> Double.compare(scores[b], scores[a]));
        out.println("highest-scoring ham:");
        order.stream().filter(i -> !test.get(i).spam).limit(errors)
            .forEach(i -> out.printf(Locale.ROOT, "  %.4f\t%s%n", scores[i], test.get(i)));
        out.println("lowest-scoring spam:");
        order.stream().sorted((a, b) -> Double.compare(scores[a], scores[b])).filter(i -> test.get(i).spam).limit(errors)
            .forEach(i -> out.printf(Locale.ROOT, "  %.4f\t%s%n", scores[i], test.get(i)));
    }

    private static long peakHeapMegabytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024 * 1024);
    }
}
