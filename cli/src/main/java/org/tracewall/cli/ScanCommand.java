package org.tracewall.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.tracewall.reputation.bayes.BayesFilter;
import org.tracewall.reputation.bayes.BayesModel;
import org.tracewall.reputation.text.Tokenizer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints path, spam probability and verdict (spam, unsure, ham) for each message file. */
@Command(name = "scan", mixinStandardHelpOptions = true, description = "Score message files with a Bayes model: path<TAB>probability<TAB>verdict.")
final class ScanCommand implements Callable<Integer> {
    private final PrintStream out;

    @Option(names = "--model", required = true, description = "the model file")
    Path model;
    @Parameters(arity = "1..*", description = "message files or folders")
    List<Path> paths;

    ScanCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws IOException {
        if (!Files.exists(model)) {
            out.println("No model at " + model + ": run tracewall learn first");
            return 64;
        }
        BayesFilter filter = new BayesFilter(BayesModel.load(model), Tokenizer.standard());
        if (!filter.isTrained()) {
            out.println("The model has fewer than 20 spam or ham messages: every message would score 0.5");
        }
        List<Corpus.Sample> samples = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                samples.addAll(Corpus.folders(List.of(path), false));
            } else {
                samples.add(new Corpus.Sample(path, false));
            }
        }
        for (Corpus.Sample sample : samples) {
            double p = filter.spamProbability(sample.read());
            out.printf(Locale.ROOT, "%s\t%.4f\t%s%n", sample.path, p, BayesFilter.verdict(p));
        }
        return 0;
    }
}
