package org.tracewall.reputation.fingerprint;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A near-duplicate print of a message's text, so that the copies of one campaign (another
 * greeting, lines wrapped again, another tracking number) share a print and different messages
 * almost never do: the normalised text cut into overlapping runs of {@value #SHINGLE} words (a CJK
 * character counts as a word), a MinHash signature of {@code bands x rows} values over those runs,
 * and one key per band of rows (locality-sensitive hashing). Two texts share a band with
 * probability 1 - (1 - J^rows)^bands for a Jaccard similarity J of their runs: the parameters
 * were chosen by measurement (README "Bulk fingerprints"). Texts of fewer than
 * {@value #MIN_SHINGLES} runs have no print: too short to tell a campaign from a coincidence.
 */
public final class Fingerprint {
    public static final int SHINGLE = 4;
    public static final int MIN_SHINGLES = 8;
    public static final int BANDS = 20;
    public static final int ROWS = 5;

    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?|hxxps?)://([^\\s/?#\"'<>]+)\\S*");
    private static final Pattern DIGITS = Pattern.compile("\\p{Nd}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{Nd}]+");
    private static final Pattern CJK = Pattern.compile("([\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}])");
    private static final long[] SEEDS = seeds(BANDS * ROWS);

    private final List<String> bands;

    private Fingerprint(List<String> bands) {
        this.bands = Collections.unmodifiableList(bands);
    }

    /** The print of a text (a message body as the text extraction reads it); empty when it is too short. */
    public static Optional<Fingerprint> of(String text) {
        return of(text, BANDS, ROWS);
    }

    /** With other parameters: for measuring them. */
    public static Optional<Fingerprint> of(String text, int bands, int rows) {
        List<String> words = words(text);
        Set<Long> shingles = new LinkedHashSet<>();
        for (int i = 0; i + SHINGLE <= words.size(); i++) {
            shingles.add(hash(String.join(" ", words.subList(i, i + SHINGLE))));
        }
        if (shingles.size() < MIN_SHINGLES) {
            return Optional.empty();
        }
        long[] signature = new long[bands * rows];
        Arrays.fill(signature, Long.MAX_VALUE);
        for (long shingle : shingles) {
            for (int i = 0; i < signature.length; i++) {
                signature[i] = Math.min(signature[i], mix(shingle ^ seed(i)));
            }
        }
        List<String> keys = new ArrayList<>(bands);
        for (int band = 0; band < bands; band++) {
            long key = band;
            for (int row = 0; row < rows; row++) {
                key = mix(key * 31 + signature[band * rows + row]);
            }
            keys.add(Integer.toString(band, 36) + ":" + Long.toHexString(key));
        }
        return Optional.of(new Fingerprint(keys));
    }

    /** The words of a text after normalisation: links reduced to their host, numbers to "0", case and width folded. */
    public static List<String> words(String text) {
        String normal = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        normal = URL.matcher(normal).replaceAll(" $1 ");
        normal = DIGITS.matcher(normal).replaceAll("0");
        normal = CJK.matcher(normal).replaceAll(" $1 ");
        List<String> words = new ArrayList<>();
        for (String word : NOT_WORD.split(normal)) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    /** One key per band, "band:hex": equal keys of the same band mean near-identical texts. */
    public List<String> bands() {
        return bands;
    }

    /** Whether the two prints share a band. */
    public boolean matches(Fingerprint other) {
        for (int i = 0; i < Math.min(bands.size(), other.bands.size()); i++) {
            if (bands.get(i).equals(other.bands.get(i))) {
                return true;
            }
        }
        return false;
    }

    private static long seed(int i) {
        return i < SEEDS.length ? SEEDS[i] : mix(i * 0x9E3779B97F4A7C15L);
    }

    private static long[] seeds(int count) {
        long[] seeds = new long[count];
        for (int i = 0; i < count; i++) {
            seeds[i] = mix((i + 1) * 0x9E3779B97F4A7C15L);
        }
        return seeds;
    }

    /** FNV-1a over the chars, then mixed. */
    static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    /** SplitMix64's finaliser: every input bit moves every output bit. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fingerprint && ((Fingerprint) other).bands.equals(bands);
    }

    @Override
    public int hashCode() {
        return bands.hashCode();
    }

    @Override
    public String toString() {
        return String.join(",", bands);
    }
}
