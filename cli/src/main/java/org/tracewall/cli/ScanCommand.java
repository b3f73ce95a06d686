package org.tracewall.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.tracewall.reputation.bayes.BayesFilter;
import org.tracewall.reputation.text.Tokenizer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints path, spam probability and verdict (spam, unsure, ham) for each message file. */
@Command(name = "scan", mixinStandardHelpOptions = true, description = "Score message files with a Bayes model: path<TAB>probability<TAB>verdict.")
final class ScanCommand implements Callable<Integer> {
    private final PrintStream out;

    @Option(names = "--model", description = "the model file")
    Path model;
    @Option(names = "--store", description = "or the state store: redis://host:6379 or embedded:FILE")
    String store;
    @Parameters(arity = "1..*", description = "message files or folders")
    List<Path> paths;
    @Option(names = "--json", description = "one JSON object per message instead of tab-separated text")
    boolean json;

    private final PrintStream err;

    ScanCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        if ((model == null) == (store == null)) {
            err.println("Give either --model FILE or --store URI");
            return 64;
        }
        if (model != null && !Files.exists(model)) {
            err.println("No model at " + model + ": run tracewall learn first");
            return TracewallCli.EX_NOINPUT;
        }
        try (ModelLocation location = ModelLocation.open(model, store, true)) {
            scan(new BayesFilter(location.counts(), Tokenizer.standard()));
        }
        return 0;
    }

    private void scan(BayesFilter filter) throws IOException {
        if (!filter.isTrained()) {
            err.println("The model has fewer than 20 spam or ham messages: every message would score 0.5");
        }
        for (Corpus.Sample sample : Corpus.folders(paths, false)) {
            Optional<byte[]> message = Corpus.readOrWarn(sample, err);
            if (message.isEmpty()) {
                continue;
            }
            double p = filter.spamProbability(message.get());
            if (json) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("path", sample.toString());
                line.put("probability", Math.round(p * 10_000) / 10_000.0);
                line.put("verdict", BayesFilter.verdict(p));
                out.println(Json.object(line));
            } else {
                out.printf(Locale.ROOT, "%s\t%.4f\t%s%n", sample, p, BayesFilter.verdict(p));
            }
        }
    }
}
