package org.tracewall.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
    private final PrintStream out;

    @Option(names = "--spam", description = "spam: folders (one message per file, Maildirs too) or mbox files")
    List<Path> spam = new ArrayList<>();
    @Option(names = "--ham", description = "ham: folders (one message per file, Maildirs too) or mbox files")
    List<Path> ham = new ArrayList<>();
    @Option(names = "--model", description = "the model file (James, bayes.store=file: var/tracewall/bayes.model)")
    Path model;
    @Option(names = "--store", description = "or the state store (James, bayes.store=state): redis://host:6379 or embedded:FILE")
    String store;
    @Option(names = "--json", description = "print the counts as one JSON object")
    boolean json;
    @Option(names = "--force", description = "learn into a model file even while a running James holds it (its next save overwrites it)")
    boolean force;

    /** sysexits.h: try again later (when James is stopped). */
    static final int EX_TEMPFAIL = 75;

    private final PrintStream err;

    LearnCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        List<Corpus.Sample> samples = new ArrayList<>(Corpus.folders(spam, true));
        samples.addAll(Corpus.folders(ham, false));
        if (samples.isEmpty()) {
            err.println("Nothing to learn: give --spam and/or --ham folders");
            return 64;
        }
        if ((model == null) == (store == null)) {
            err.println("Give either --model FILE or --store URI");
            return 64;
        }
        Optional<Path> held = model == null ? Optional.empty() : ModelLocation.heldByRunningJames(model);
        if (held.isPresent() && !force) {
            err.println("A running James holds " + held.get() + ": it keeps " + model + " in memory and would overwrite what"
                + " you learn into it. Teach it through spam@/ham@, stop it first, or use bayes.store=state with --store"
                + " (--force to learn anyway)");
            return EX_TEMPFAIL;
        }
        try (ModelLocation location = ModelLocation.open(model, store, false)) {
            return learn(samples, location);
        }
    }

    private int learn(List<Corpus.Sample> samples, ModelLocation location) throws IOException {
        BayesFilter filter = new BayesFilter(location.counts(), Tokenizer.standard());
        int learned = 0;
        int duplicates = 0;
        int skipped = 0;
        Progress progress = new Progress(err, samples.size());
        for (Corpus.Sample sample : samples) {
            Optional<byte[]> message = Corpus.readOrWarn(sample, err);
            if (message.isEmpty()) {
                skipped++;
            } else if (filter.learn(message.get(), sample.spam)) {
                learned++;
            } else {
                duplicates++;
            }
            progress.step();
        }
        progress.done();
        location.save();
        TokenEvidence totals = location.counts().totals();
        if (json) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("learned", learned);
            report.put("alreadyKnown", duplicates);
            report.put("skipped", skipped);
            report.put("seconds", Math.round(progress.seconds() * 10) / 10.0);
            report.put("spamMessages", totals.spamMessages());
            report.put("hamMessages", totals.hamMessages());
            report.put("model", location.describe());
            out.println(Json.object(report));
        } else {
            out.printf(Locale.ROOT, "learned %d messages (%d already known) in %.1f s; model: %d spam, %d ham -> %s%s%n",
                learned, duplicates, progress.seconds(), totals.spamMessages(), totals.hamMessages(), location.describe(),
                skipped == 0 ? "" : "; " + skipped + " unreadable skipped");
        }
        return 0;
    }
}
