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
 * or into the state store James shares, with progress and counts. As {@code sa-learn}: a message
 * learned under the other label before moves to this one, and {@code --forget} takes messages out.
 */
@Command(name = "learn", mixinStandardHelpOptions = true,
    description = {"Learn spam and ham (folders, Maildirs, mbox files) into a Bayes model file or state store.",
        "A message learned under the other label before is moved to this one; --forget takes messages out."})
final class LearnCommand implements Callable<Integer> {
    private final PrintStream out;

    @Option(names = "--spam", description = "spam: folders (one message per file, Maildirs too) or mbox files")
    List<Path> spam = new ArrayList<>();
    @Option(names = "--ham", description = "ham: folders (one message per file, Maildirs too) or mbox files")
    List<Path> ham = new ArrayList<>();
    @Option(names = "--forget", description = "messages to take out of the model, as they were learned (folders, Maildirs, mbox files)")
    List<Path> forget = new ArrayList<>();
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
        List<Corpus.Sample> forgotten = Corpus.folders(forget, false);
        if (samples.isEmpty() && forgotten.isEmpty()) {
            err.println("Nothing to learn: give --spam and/or --ham folders (or --forget)");
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
            return learn(samples, forgotten, location);
        }
    }

    private int learn(List<Corpus.Sample> samples, List<Corpus.Sample> forgotten, ModelLocation location) throws IOException {
        BayesFilter filter = new BayesFilter(location.counts(), Tokenizer.standard());
        Map<Enum<?>, Integer> outcomes = new LinkedHashMap<>();
        int skipped = 0;
        Progress progress = new Progress(err, samples.size() + forgotten.size());
        for (Corpus.Sample sample : samples) {
            Optional<byte[]> message = Corpus.readOrWarn(sample, err);
            if (message.isEmpty()) {
                skipped++;
            } else {
                outcomes.merge(filter.learn(message.get(), sample.spam), 1, Integer::sum);
            }
            progress.step();
        }
        for (Corpus.Sample sample : forgotten) {
            Optional<byte[]> message = Corpus.readOrWarn(sample, err);
            if (message.isEmpty()) {
                skipped++;
            } else {
                outcomes.merge(filter.forget(message.get()), 1, Integer::sum);
            }
            progress.step();
        }
        progress.done();
        location.save();
        report(outcomes, skipped, progress.seconds(), location);
        return 0;
    }

    private void report(Map<Enum<?>, Integer> outcomes, int skipped, double seconds, ModelLocation location) {
        TokenEvidence totals = location.counts().totals();
        int learned = outcomes.getOrDefault(BayesFilter.Learned.LEARNED, 0);
        int relearned = outcomes.getOrDefault(BayesFilter.Learned.RELEARNED_UNDER_THE_OTHER_LABEL, 0);
        int known = outcomes.getOrDefault(BayesFilter.Learned.ALREADY_KNOWN, 0);
        int forgotten = outcomes.getOrDefault(BayesFilter.Forgotten.FORGOTTEN, 0);
        int notLearned = outcomes.getOrDefault(BayesFilter.Forgotten.NOT_LEARNED, 0);
        int unrecorded = outcomes.getOrDefault(BayesFilter.Forgotten.UNRECORDED, 0);
        if (json) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("learned", learned);
            report.put("relearned", relearned);
            report.put("alreadyKnown", known);
            report.put("forgotten", forgotten);
            report.put("notLearned", notLearned);
            report.put("unrecordedLabel", unrecorded);
            report.put("skipped", skipped);
            report.put("seconds", Math.round(seconds * 10) / 10.0);
            report.put("spamMessages", totals.spamMessages());
            report.put("hamMessages", totals.hamMessages());
            report.put("model", location.describe());
            out.println(Json.object(report));
            return;
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "learned %d messages (%d already known", learned, known));
        line.append(relearned == 0 ? ")" : ", " + relearned + " moved to the other label)");
        if (forgotten + notLearned + unrecorded > 0) {
            line.append(String.format(Locale.ROOT, ", forgot %d (%d not learned%s)", forgotten, notLearned,
                unrecorded == 0 ? "" : ", " + unrecorded + " learned before labels were kept"));
        }
        line.append(String.format(Locale.ROOT, " in %.1f s; model: %d spam, %d ham -> %s", seconds, totals.spamMessages(),
            totals.hamMessages(), location.describe()));
        out.println(skipped == 0 ? line : line.append("; ").append(skipped).append(" unreadable skipped"));
    }
}
