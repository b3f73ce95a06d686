package org.tracewall.reputation.bayes;

import java.util.Arrays;

import org.tracewall.reputation.text.MessageText;

/**
 * The features of the second opinion on Chinese (and other CJK) text: character 1- to 3-grams of
 * the CJK characters of subject and body (other text becomes one separator), hashed into
 * {@value #BUCKETS} buckets. Word-free on purpose: Chinese spam that reads like the discussions it
 * hides among shares its words with ham, not its punctuation, numerals and phrasing (README, "Bayes":
 * measured on trec06c). Text without CJK has no features, so the Bayes verdict stands alone.
 */
final class CjkNgrams {
    static final int BITS = 20;
    static final int BUCKETS = 1 << BITS;
    static final int MAX_CHARS = 3000;
    private static final int[] NONE = new int[0];

    private CjkNgrams() {
    }

    /** Distinct bucket numbers, sorted; empty when the message has no CJK text. */
    static int[] of(MessageText text) {
        String cjk = cjkOnly(text.subject() + "\n" + text.body());
        if (cjk.isBlank()) {
            return NONE;
        }
        int[] buckets = new int[cjk.length() * 3];
        int n = 0;
        for (int length = 1; length <= 3; length++) {
            for (int i = 0; i + length <= cjk.length(); i++) {
                buckets[n++] = (cjk.substring(i, i + length).hashCode() * 0x9E3779B9) >>> (32 - BITS);
            }
        }
        return Arrays.stream(buckets, 0, n).distinct().sorted().toArray();
    }

    /** CJK characters in order, every run of anything else as one space; the first MAX_CHARS of the input read. */
    static String cjkOnly(String text) {
        int end = Math.min(text.length(), MAX_CHARS);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (isCjk(c)) {
                out.append(c);
            } else if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                out.append(' ');
            }
        }
        return out.toString();
    }

    /** Han ideographs, CJK punctuation, full-width forms. */
    static boolean isCjk(char c) {
        return c >= '\u4e00' && c <= '\u9fff' || c >= '\u3000' && c <= '\u303f' || c >= '\uff00' && c <= '\uffef';
    }
}
