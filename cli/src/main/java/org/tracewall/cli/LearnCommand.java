package org.tracewall.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.tracewall.reputation.bayes.BayesFilter;
import org.tracewall.reputation.bayes.TokenEvidence;
import org.tracewall.reputation.text.Tokenizer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Learns folders, Maildirs and mbox files of spam and ham into a model file (created or extended)
 * or into the state store James shares, with progress and counts.
 */
@Command(name = "learn", mixinStandardHelpOptions = true,
    description = "Learn spam and ham (folders, Maildirs, mbox files) into a Bayes model file or state store.")
final class LearnCommand implements Callable<Integer> {
    private static final int PROGRESS_EVERY = 500;
    private final PrintStream out;

    @Option(names = "--spam", description = "spam: folders (one message per file, Maildirs too) or mbox files")
    List<Path> spam = new ArrayList<>();
    @Option(names = "--ham", description = "ham: folders (one message per file, Maildirs too) or mbox files")
    List<Path> ham = new ArrayList<>();
    @Option(names = "--model", description = "the model file (James, bayes.store=file: var/tracewall/bayes.model)")
    Path model;
    @Option(names = "--store", description = "or the state store (James, bayes.store=state): redis://host:6379 or embedded:FILE")
    String store;

    LearnCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws IOException {
        List<Corpus.Sample> samples = new ArrayList<>(Corpus.folders(spam, true));
        samples.addAll(Corpus.folders(ham, false));
        if (samples.isEmpty()) {
            out.println("Nothing to learn: give --spam and/or --ham folders");
            return 64;
        }
        if ((model == null) == (store == null)) {
            out.println("Give either --model FILE or --store URI");
            return 64;
        }
        try (ModelLocation location = ModelLocation.open(model, store, false)) {
            return learn(samples, location);
        }
    }

    private int learn(List<Corpus.Sample> samples, ModelLocation location) throws IOException {
        BayesFilter filter = new BayesFilter(location.counts(), Tokenizer.standard());
        int learned = 0;
        int duplicates = 0;
        long start = System.nanoTime();
        for (int i = 0; i < samples.size(); i++) {
            Corpus.Sample sample = samples.get(i);
            if (filter.learn(sample.read(), sample.spam)) {
                learned++;
            } else {
                duplicates++;
            }
            if ((i + 1) % PROGRESS_EVERY == 0 || i + 1 == samples.size()) {
                out.printf(Locale.ROOT, "\r%s %d/%d (%.0f%%)", bar(i + 1, samples.size()), i + 1, samples.size(),
                    100.0 * (i + 1) / samples.size());
            }
        }
        out.println();
        location.save();
        TokenEvidence totals = location.counts().totals();
        out.printf(Locale.ROOT, "learned %d messages (%d already known) in %.1f s; model: %d spam, %d ham -> %s%n",
            learned, duplicates, (System.nanoTime() - start) / 1e9, totals.spamMessages(), totals.hamMessages(),
            location.describe());
        return 0;
    }

    private static String bar(int done, int total) {
        int width = 30;
        int filled = (int) ((long) width * done / total);
        return "[" + "#".repeat(filled) + " ".repeat(width - filled) + "]";
    }
}
