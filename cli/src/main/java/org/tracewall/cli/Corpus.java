package org.tracewall.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Message files of a corpus: folders of one message per file, or a labels file, and the train/test split rule. */
final class Corpus {
    private Corpus() {
    }

    /** A message with its label: a whole file, or one message of an mbox file. */
    static final class Sample {
        final Path path;
        final boolean spam;
        private final long offset;
        private final long length;
        private final int index;

        Sample(Path path, boolean spam) {
            this(path, spam, -1, -1, 0);
        }

        private Sample(Path path, boolean spam, long offset, long length, int index) {
            this.path = path;
            this.spam = spam;
            this.offset = offset;
            this.length = length;
            this.index = index;
        }

        /** The file's name, or "file#n" for the n-th message of an mbox (the split rule hashes it). */
        String name() {
            String file = path.getFileName().toString();
            return offset < 0 ? file : file + "#" + index;
        }

        @Override
        public String toString() {
            return offset < 0 ? path.toString() : path + "#" + index;
        }

        byte[] read() {
            try {
                return offset < 0 ? Files.readAllBytes(path) : Mbox.read(path, offset, length);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + this, e);
            }
        }
    }

    /**
     * The sample's bytes, or empty after a warning on {@code err} when it cannot be read (removed,
     * unreadable): one bad file among ten thousand is counted and skipped, not the end of the run.
     */
    static Optional<byte[]> readOrWarn(Sample sample, PrintStream err) {
        try {
            return Optional.of(sample.read());
        } catch (UncheckedIOException e) {
            err.println("tracewall: skipped " + sample + ": " + e.getCause().getMessage());
            return Optional.empty();
        }
    }

    /**
     * Every message below the folders (or in the files given), sorted: one message per file
     * (Maildir's cur/ and new/ included), or many in an mbox file (it starts with "From ").
     * JSON sidecars, labels and notes are not messages.
     */
    static List<Sample> folders(List<Path> folders, boolean spam) throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (Path folder : folders) {
            if (Files.isRegularFile(folder)) {
                addFile(folder, spam, samples);
                continue;
            }
            if (!Files.isDirectory(folder)) {
                throw new IOException("Not a folder or file: " + folder);
            }
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.filter(Files::isRegularFile).filter(Corpus::isMessage).sorted().collect(Collectors.toList())) {
                    addFile(file, spam, samples);
                }
            }
        }
        return samples;
    }

    private static void addFile(Path file, boolean spam, List<Sample> samples) throws IOException {
        if (!Mbox.isMbox(file)) {
            samples.add(new Sample(file, spam));
            return;
        }
        List<long[]> messages = Mbox.index(file);
        if (messages.size() <= 1) {
            // One message with an mbox "From " line (as the SpamAssassin corpus stores them): a message
            // file, named by its file name, which the split rule hashes.
            samples.add(new Sample(file, spam));
            return;
        }
        for (int i = 0; i < messages.size(); i++) {
            samples.add(new Sample(file, spam, messages.get(i)[0], messages.get(i)[1], i + 1));
        }
    }

    /** "label&lt;TAB&gt;file" lines (label spam or ham), files relative to the labels file's folder. */
    static List<Sample> labels(Path labels) throws IOException {
        List<Sample> samples = new ArrayList<>();
        int line = 0;
        for (String row : Files.readAllLines(labels, StandardCharsets.UTF_8)) {
            line++;
            String[] parts = row.trim().split("\\s+", 2);
            if (parts.length != 2 || !(parts[0].equals("spam") || parts[0].equals("ham"))) {
                throw new IOException(labels + ": line " + line + ": expected 'spam|ham<TAB>file'");
            }
            samples.add(new Sample(labels.toAbsolutePath().getParent().resolve(parts[1]), parts[0].equals("spam")));
        }
        return samples;
    }

    private static boolean isMessage(Path file) {
        String name = file.getFileName().toString();
        return !name.endsWith(".json") && !name.endsWith(".md") && !name.endsWith(".tsv") && !name.startsWith(".")
            && !name.equals("cmds");
    }

    /** The split rule: train when int(sha1(file name), 16) % 10 &lt; 7, else test. */
    static boolean isTrain(Sample sample) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(sample.name().getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, sha1).mod(BigInteger.TEN).intValue() < 7;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
