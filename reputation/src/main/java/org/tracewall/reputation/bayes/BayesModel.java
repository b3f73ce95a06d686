package org.tracewall.reputation.bayes;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Token counts learned from spam and ham: per token, how many spam and how many ham messages
 * contained it, and how many messages of each were learned. Remembers the ids of learned
 * messages, with how each was learned, so that the same message is never counted twice and can be
 * forgotten or learned again under the other label. Safe for concurrent readers while
 * one thread learns. Saved as a small gzip file, written to a temporary file and moved into
 * place, so a crash never leaves half a model.
 */
public final class BayesModel implements TokenCounts {
    private static final int MAGIC = 0x54574259; // "TWBY"
    /**
     * 2 adds the CJK n-gram weights, 3 how each id was learned; older files still load (their ids
     * are {@link LearnedAs#UNRECORDED}).
     */
    private static final int VERSION = 3;

    private final Map<String, int[]> counts = new ConcurrentHashMap<>();
    /** id to {@link LearnedAs#code()}. */
    private final Map<String, String> learned = new ConcurrentHashMap<>();
    private final AtomicIntegerArray ngramWeights = new AtomicIntegerArray(CjkNgrams.BUCKETS);
    private volatile int spamMessages;
    private volatile int hamMessages;

    @Override
    public synchronized boolean learn(Collection<String> tokens, LearnedAs as, String id) {
        if (!as.isRecorded()) {
            throw new IllegalArgumentException("learn needs a label, not " + as);
        }
        if (id != null && learned.putIfAbsent(id, as.code()) != null) {
            return false;
        }
        add(tokens, as.isSpam(), 1);
        return true;
    }

    @Override
    public Optional<LearnedAs> learnedAs(String id) {
        return Optional.ofNullable(learned.get(id)).map(LearnedAs::parse);
    }

    @Override
    public synchronized boolean unlearn(Collection<String> tokens, LearnedAs as, String id) {
        if (!as.isRecorded()) {
            throw new IllegalArgumentException("an unrecorded label cannot be unlearned: " + id);
        }
        if (learned.remove(id) == null) {
            return false;
        }
        add(tokens, as.isSpam(), -1);
        return true;
    }

    /** Counts never go below zero, and a token seen by no message is dropped. */
    private void add(Collection<String> tokens, boolean spam, int delta) {
        int index = spam ? 0 : 1;
        for (String token : tokens) {
            counts.compute(token, (t, c) -> {
                int[] updated = c == null ? new int[2] : c.clone();
                updated[index] = Math.max(0, updated[index] + delta);
                return updated[0] == 0 && updated[1] == 0 ? null : updated;
            });
        }
        if (spam) {
            spamMessages = Math.max(0, spamMessages + delta);
        } else {
            hamMessages = Math.max(0, hamMessages + delta);
        }
    }

    /** [spam, ham] messages that contained the token, or null when never seen. */
    int[] counts(String token) {
        return counts.get(token);
    }

    @Override
    public TokenEvidence lookup(Collection<String> tokens) {
        Map<String, int[]> known = new HashMap<>();
        for (String token : tokens) {
            int[] c = counts.get(token);
            if (c != null) {
                known.put(token, c);
            }
        }
        return new TokenEvidence(spamMessages, hamMessages, known);
    }

    @Override
    public TokenEvidence totals() {
        return new TokenEvidence(spamMessages, hamMessages, Map.of());
    }

    @Override
    public long ngramWeightSum(int[] buckets) {
        long sum = 0;
        for (int bucket : buckets) {
            sum += ngramWeights.get(bucket);
        }
        return sum;
    }

    @Override
    public void addToNgramWeights(int[] buckets, int delta) {
        for (int bucket : buckets) {
            ngramWeights.addAndGet(bucket, delta);
        }
    }

    @Override
    public String describe() {
        return "local model (" + counts.size() + " tokens)";
    }

    public int spamMessages() {
        return spamMessages;
    }

    public int hamMessages() {
        return hamMessages;
    }

    public int tokenCount() {
        return counts.size();
    }

    public boolean isLearned(String id) {
        return learned.containsKey(id);
    }

    public synchronized void save(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(Files.newOutputStream(temporary))))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(spamMessages);
            out.writeInt(hamMessages);
            out.writeInt(counts.size());
            for (Map.Entry<String, int[]> e : counts.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue()[0]);
                out.writeInt(e.getValue()[1]);
            }
            out.writeInt(learned.size());
            for (Map.Entry<String, String> id : learned.entrySet()) {
                out.writeUTF(id.getKey());
                out.writeUTF(id.getValue());
            }
            writeNgramWeights(out);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * @throws IOException naming the file when it is not a Tracewall Bayes model
     */
    public static BayesModel load(Path file) throws IOException {
        BayesModel model = new BayesModel();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(Files.newInputStream(file))))) {
            int version = in.readInt() == MAGIC ? in.readInt() : -1;
            if (version < 1 || version > VERSION) {
                throw new IOException(file + " is not a Tracewall Bayes model (version 1 to " + VERSION + ")");
            }
            model.spamMessages = in.readInt();
            model.hamMessages = in.readInt();
            int tokens = in.readInt();
            for (int i = 0; i < tokens; i++) {
                model.counts.put(in.readUTF(), new int[] {in.readInt(), in.readInt()});
            }
            int ids = in.readInt();
            for (int i = 0; i < ids; i++) {
                String id = in.readUTF();
                model.learned.put(id, version >= 3 ? in.readUTF() : LearnedAs.UNRECORDED.code());
            }
            if (version >= 2) {
                model.readNgramWeights(in, file);
            }
        }
        return model;
    }

    /** Only the buckets that are not zero: [count] then (bucket, weight) pairs. */
    private void writeNgramWeights(DataOutputStream out) throws IOException {
        int nonZero = 0;
        for (int i = 0; i < CjkNgrams.BUCKETS; i++) {
            nonZero += ngramWeights.get(i) == 0 ? 0 : 1;
        }
        out.writeInt(nonZero);
        for (int i = 0; i < CjkNgrams.BUCKETS; i++) {
            int weight = ngramWeights.get(i);
            if (weight != 0) {
                out.writeInt(i);
                out.writeInt(weight);
            }
        }
    }

    private void readNgramWeights(DataInputStream in, Path file) throws IOException {
        int nonZero = in.readInt();
        for (int i = 0; i < nonZero; i++) {
            int bucket = in.readInt();
            if (bucket < 0 || bucket >= CjkNgrams.BUCKETS) {
                throw new IOException(file + ": n-gram bucket " + bucket + " out of range");
            }
            ngramWeights.set(bucket, in.readInt());
        }
    }

    /** The model in {@code file}, or an empty one when the file does not exist yet. */
    public static BayesModel loadOrEmpty(Path file) throws IOException {
        return Files.exists(file) ? load(file) : new BayesModel();
    }
}
