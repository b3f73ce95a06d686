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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Token counts learned from spam and ham: per token, how many spam and how many ham messages
 * contained it, and how many messages of each were learned. Remembers the ids of learned
 * messages so that the same message is never counted twice. Safe for concurrent readers while
 * one thread learns. Saved as a small gzip file, written to a temporary file and moved into
 * place, so a crash never leaves half a model.
 */
public final class BayesModel implements TokenCounts {
    private static final int MAGIC = 0x54574259; // "TWBY"
    /** 2 adds the CJK n-gram weights; version 1 files (no weights) still load. */
    private static final int VERSION = 2;

    private final Map<String, int[]> counts = new ConcurrentHashMap<>();
    private final Set<String> learned = ConcurrentHashMap.newKeySet();
    private final AtomicIntegerArray ngramWeights = new AtomicIntegerArray(CjkNgrams.BUCKETS);
    private volatile int spamMessages;
    private volatile int hamMessages;

    @Override
    public synchronized boolean learn(Collection<String> tokens, boolean spam, String id) {
        if (id != null && !learned.add(id)) {
            return false;
        }
        int index = spam ? 0 : 1;
        for (String token : tokens) {
            counts.compute(token, (t, c) -> {
                int[] updated = c == null ? new int[2] : c.clone();
                updated[index]++;
                return updated;
            });
        }
        if (spam) {
            spamMessages++;
        } else {
            hamMessages++;
        }
        return true;
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
        return learned.contains(id);
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
            for (String id : learned) {
                out.writeUTF(id);
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
            if (version != 1 && version != VERSION) {
                throw new IOException(file + " is not a Tracewall Bayes model (version 1 or " + VERSION + ")");
            }
            model.spamMessages = in.readInt();
            model.hamMessages = in.readInt();
            int tokens = in.readInt();
            for (int i = 0; i < tokens; i++) {
                model.counts.put(in.readUTF(), new int[] {in.readInt(), in.readInt()});
            }
            int ids = in.readInt();
            for (int i = 0; i < ids; i++) {
                model.learned.add(in.readUTF());
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
