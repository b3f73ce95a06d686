package org.tracewall.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.tracewall.reputation.fingerprint.Fingerprint;
import org.tracewall.reputation.text.MessageTextExtractor;

/**
 * Measures bulk fingerprints on real messages (on demand, never a test): how often a mutated copy
 * of a message still matches it (another greeting, lines wrapped again, other numbers, a footer
 * added, all at once) and how often two different messages of the corpus match, for MinHash with
 * several band and row counts and for a 64-bit SimHash (Hamming distance at most 3) as the usual
 * alternative. Prints a table; the README quotes it.
 *
 * <pre>java -cp bench/target/tracewall-bench.jar org.tracewall.bench.FingerprintEval DIR [MAX]</pre>
 */
public final class FingerprintEval {
    private static final int[][] MINHASH = {{8, 4}, {16, 4}, {20, 5}, {32, 6}};
    private static final Map<String, UnaryOperator<String>> MUTATIONS = new java.util.LinkedHashMap<>();

    static {
        MUTATIONS.put("greeting", FingerprintEval::newGreeting);
        MUTATIONS.put("rewrapped", text -> rewrapped(text, 47));
        MUTATIONS.put("numbers", text -> text.replaceAll("\\d", "7"));
        MUTATIONS.put("footer", text -> text + "\nTo unsubscribe reply STOP. Ref " + Math.abs(text.hashCode()) + "\n");
        MUTATIONS.put("all four", text -> newGreeting(rewrapped(text.replaceAll("\\d", "7"), 47)) + "\nTo unsubscribe reply STOP.\n");
    }

    private FingerprintEval() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: FingerprintEval DIR [MAX]   (a folder of messages, one per file, searched recursively)");
            System.exit(64);
        }
        int max = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        List<String> texts = texts(Path.of(args[0]), max);
        System.out.printf(Locale.ROOT, "%d messages with text from %s%n", texts.size(), args[0]);
        System.out.printf(Locale.ROOT, "%-22s %9s %9s %9s %9s %9s %9s %12s %12s%n", "method", "printed", "greeting", "rewrapped",
            "numbers", "footer", "all four", "pairs match", "false match");
        for (int[] config : MINHASH) {
            report("minhash " + config[0] + "x" + config[1], texts, text -> Fingerprint.of(text, config[0], config[1]).orElse(null),
                (a, b) -> a.matches(b), FingerprintEval::falsePairsByBand);
        }
        speed(texts);
        report("simhash 64, <= 3 bits", texts, text -> Fingerprint.of(text).isPresent() ? simhash(text) : null,
            (a, b) -> Long.bitCount(a ^ b) <= 3, FingerprintEval::falsePairsSimhash);
    }

    /** Prints per second on one thread with the shipped parameters, after a warm-up pass. */
    private static void speed(List<String> texts) {
        long bytes = texts.stream().mapToLong(String::length).sum();
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            int printed = 0;
            for (String text : texts) {
                printed += Fingerprint.of(text).isPresent() ? 1 : 0;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (round == 2) {
                System.out.printf(Locale.ROOT, "shipped %dx%d: %.0f prints/s on one thread (%.1f us per message, mean text %d chars, %d printed)%n",
                    Fingerprint.BANDS, Fingerprint.ROWS, texts.size() / seconds, seconds * 1e6 / texts.size(), bytes / texts.size(), printed);
            }
        }
    }

    interface Matcher<T> {
        boolean matches(T a, T b);
    }

    private static <T> void report(String name, List<String> texts, java.util.function.Function<String, T> print, Matcher<T> matcher,
                                   java.util.function.BiFunction<List<T>, List<String>, long[]> falsePairs) {
        List<T> prints = new ArrayList<>();
        List<String> printed = new ArrayList<>();
        for (String text : texts) {
            T p = print.apply(text);
            if (p != null) {
                prints.add(p);
                printed.add(text);
            }
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-22s %8.1f%%", name, 100.0 * prints.size() / texts.size()));
        for (UnaryOperator<String> mutation : MUTATIONS.values()) {
            int matched = 0;
            for (int i = 0; i < prints.size(); i++) {
                T copy = print.apply(mutation.apply(printed.get(i)));
                if (copy != null && matcher.matches(prints.get(i), copy)) {
                    matched++;
                }
            }
            line.append(String.format(Locale.ROOT, " %8.1f%%", 100.0 * matched / Math.max(1, prints.size())));
        }
        long pairs = (long) prints.size() * (prints.size() - 1) / 2;
        long[] matched = falsePairs.apply(prints, printed);
        line.append(String.format(Locale.ROOT, " %11.4f%% %11.4f%%", 100.0 * matched[0] / Math.max(1, pairs),
            100.0 * matched[1] / Math.max(1, pairs)));
        System.out.println(line);
    }

    /**
     * [pairs of different files that match, of them those whose texts are not near-identical:
     * a Jaccard similarity of their word runs under 0.5]. A corpus has real campaigns, whose
     * copies should match: only the second figure is a false match.
     */
    private static long[] falsePairsByBand(List<Fingerprint> prints, List<String> texts) {
        Map<String, List<Integer>> byBand = new HashMap<>();
        for (int i = 0; i < prints.size(); i++) {
            for (String band : prints.get(i).bands()) {
                byBand.computeIfAbsent(band, b -> new ArrayList<>()).add(i);
            }
        }
        Set<Long> pairs = new HashSet<>();
        for (List<Integer> members : byBand.values()) {
            for (int a = 0; a < members.size(); a++) {
                for (int b = a + 1; b < members.size() && pairs.size() < 10_000_000; b++) {
                    pairs.add((long) members.get(a) * prints.size() + members.get(b));
                }
            }
        }
        return counted(pairs, texts);
    }

    private static long[] falsePairsSimhash(List<Long> prints, List<String> texts) {
        Set<Long> pairs = new HashSet<>();
        for (int a = 0; a < prints.size(); a++) {
            for (int b = a + 1; b < prints.size(); b++) {
                if (Long.bitCount(prints.get(a) ^ prints.get(b)) <= 3) {
                    pairs.add((long) a * prints.size() + b);
                }
            }
        }
        return counted(pairs, texts);
    }

    private static long[] counted(Set<Long> pairs, List<String> texts) {
        Map<Integer, Set<String>> runs = new HashMap<>();
        long dissimilar = 0;
        for (long pair : pairs) {
            Set<String> a = runs.computeIfAbsent((int) (pair / texts.size()), i -> runs(texts.get(i)));
            Set<String> b = runs.computeIfAbsent((int) (pair % texts.size()), i -> runs(texts.get(i)));
            Set<String> both = new HashSet<>(a);
            both.retainAll(b);
            double jaccard = both.size() / (double) Math.max(1, a.size() + b.size() - both.size());
            dissimilar += jaccard < 0.5 ? 1 : 0;
        }
        return new long[] {pairs.size(), dissimilar};
    }

    private static Set<String> runs(String text) {
        List<String> words = words(text);
        Set<String> runs = new HashSet<>();
        for (int i = 0; i + Fingerprint.SHINGLE <= words.size(); i++) {
            runs.add(String.join(" ", words.subList(i, i + Fingerprint.SHINGLE)));
        }
        return runs;
    }

    /** Charikar's SimHash over the same word runs as the MinHash, each run weighted once. */
    static long simhash(String text) {
        List<String> words = words(text);
        int[] weights = new int[64];
        for (int i = 0; i + Fingerprint.SHINGLE <= words.size(); i++) {
            long h = mix(String.join(" ", words.subList(i, i + Fingerprint.SHINGLE)).hashCode() * 0x9E3779B97F4A7C15L);
            for (int bit = 0; bit < 64; bit++) {
                weights[bit] += (h >>> bit & 1) == 1 ? 1 : -1;
            }
        }
        long print = 0;
        for (int bit = 0; bit < 64; bit++) {
            if (weights[bit] > 0) {
                print |= 1L << bit;
            }
        }
        return print;
    }

    private static List<String> words(String text) {
        return Fingerprint.words(text);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static String newGreeting(String text) {
        int firstLine = text.indexOf('\n');
        return "Dear valued customer Alexandra Smith,\n" + (firstLine < 0 ? text : text.substring(firstLine + 1));
    }

    private static String rewrapped(String text, int width) {
        String[] words = text.split("\\s+");
        StringBuilder out = new StringBuilder();
        int column = 0;
        for (String word : words) {
            if (column + word.length() > width) {
                out.append('\n');
                column = 0;
            } else if (column > 0) {
                out.append(' ');
                column++;
            }
            out.append(word);
            column += word.length();
        }
        return out.toString();
    }

    private static List<String> texts(Path dir, int max) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
        java.util.Collections.shuffle(files, new Random(7));
        List<String> texts = new ArrayList<>();
        for (Path file : files) {
            if (texts.size() >= max) {
                break;
            }
            Optional<String> body = Optional.of(MessageTextExtractor.extract(Files.readAllBytes(file)).body().trim())
                .filter(b -> !b.isEmpty());
            body.ifPresent(texts::add);
        }
        return texts;
    }
}
