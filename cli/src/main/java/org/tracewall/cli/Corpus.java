package org.tracewall.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Message files of a corpus: folders of one message per file, or a labels file, and the train/test split rule. */
final class Corpus {
    private Corpus() {
    }

    /** A message file with its label. */
    static final class Sample {
        final Path path;
        final boolean spam;

        Sample(Path path, boolean spam) {
            this.path = path;
            this.spam = spam;
        }

        byte[] read() {
            try {
                return Files.readAllBytes(path);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + path, e);
            }
        }
    }

    /** Every regular file below the folders, sorted; JSON sidecars, labels and notes are not messages. */
    static List<Sample> folders(List<Path> folders, boolean spam) throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                throw new IOException("Not a folder: " + folder);
            }
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.filter(Files::isRegularFile).filter(Corpus::isMessage).sorted().collect(Collectors.toList())) {
                    samples.add(new Sample(file, spam));
                }
            }
        }
        return samples;
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
    static boolean isTrain(Path file) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, sha1).mod(BigInteger.TEN).intValue() < 7;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
