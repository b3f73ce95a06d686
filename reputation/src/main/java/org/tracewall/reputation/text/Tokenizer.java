package org.tracewall.reputation.text;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns {@link MessageText} into the set of tokens the classifier counts. Latin-script words of
 * 3 to 12 letters are lower-cased as SpamBayes does (longer ones become a "skip" token of their
 * first letter and length class); runs of Chinese characters, which carry no spaces, become
 * overlapping character bigrams (plus single characters in {@link CjkMode#UNIGRAMS_AND_BIGRAMS});
 * header tokens are prefixed by their origin (subject:, from:, url:, rcvd:, mime:), so a word in a
 * subject and in a body count apart. A message yields each token once, at most {@value #MAX_TOKENS}.
 */
public final class Tokenizer {
    /** What follows the domain of a From address; compiled once (a message's tokens are taken once per phase). */
    private static final Pattern DOMAIN_END = Pattern.compile("[>\\s].*$");
    static final int MAX_TOKENS = 5000;

    /** How runs of Han characters are cut. */
    public enum CjkMode { BIGRAMS, UNIGRAMS_AND_BIGRAMS, BIGRAMS_AND_TRIGRAMS }

    private final CjkMode cjk;

    public Tokenizer(CjkMode cjk) {
        this.cjk = cjk;
    }

    /** Bigrams and trigrams of Chinese text: measured best on trec06c (README, "Bayes"). */
    public static Tokenizer standard() {
        return new Tokenizer(CjkMode.BIGRAMS_AND_TRIGRAMS);
    }

    public Set<String> tokens(MessageText text) {
        Set<String> tokens = new LinkedHashSet<>();
        words(text.subject(), "subject:", tokens);
        String from = text.from().toLowerCase(Locale.ROOT);
        int at = from.lastIndexOf('@');
        if (at >= 0) {
            String domain = DOMAIN_END.matcher(from.substring(at + 1)).replaceFirst("");
            add(tokens, "from-domain:" + domain);
        }
        words(from, "from:", tokens);
        for (String domain : text.urlDomains()) {
            add(tokens, "url:" + domain);
            int dot = domain.indexOf('.');
            if (dot > 0 && domain.indexOf('.', dot + 1) > 0) {
                add(tokens, "url:" + domain.substring(dot + 1));
            }
        }
        text.received().forEach(host -> add(tokens, "rcvd:" + host));
        text.structure().forEach(part -> add(tokens, "mime:" + part));
        words(text.body(), "", tokens);
        return tokens;
    }

    /**
     * Scans once: letters and digits form words, Han characters form bigram runs, the rest
     * separates. Full-width forms are folded first (NFKC: "１３８" is "138"), and a Han run goes on
     * across one or two separators, so "发 票" and "发*票" still give the bigram "发票".
     */
    private void words(String raw, String prefix, Set<String> tokens) {
        String text = Normalizer.normalize(raw, Normalizer.Form.NFKC);
        int n = text.length();
        int i = 0;
        while (i < n && tokens.size() < MAX_TOKENS) {
            char c = text.charAt(i);
            if (isHan(c)) {
                StringBuilder run = new StringBuilder();
                while (i < n) {
                    if (isHan(text.charAt(i))) {
                        run.append(text.charAt(i++));
                    } else if (bridges(text, i)) {
                        i++;
                    } else {
                        break;
                    }
                }
                han(run.toString(), 0, run.length(), prefix, tokens);
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < n && isWordChar(text.charAt(i))) {
                    i++;
                }
                String word = text.substring(start, i);
                if (word.chars().allMatch(Character::isDigit) && word.length() >= 5) {
                    add(tokens, prefix + "num:" + word.length());
                }
                latin(word, prefix, tokens);
            } else if (Character.isLetterOrDigit(c)) {
                int start = i;
                while (i < n && isWordChar(text.charAt(i))) {
                    i++;
                }
                latin(text.substring(start, i), prefix, tokens);
            } else {
                i++;
            }
        }
    }

    private void han(String text, int start, int end, String prefix, Set<String> tokens) {
        if (end - start == 1) {
            add(tokens, prefix + text.charAt(start));
            return;
        }
        for (int j = start; j < end - 1; j++) {
            add(tokens, prefix + text.substring(j, j + 2));
            if (cjk == CjkMode.BIGRAMS_AND_TRIGRAMS && j < end - 2) {
                add(tokens, prefix + text.substring(j, j + 3));
            }
            if (cjk == CjkMode.UNIGRAMS_AND_BIGRAMS) {
                add(tokens, prefix + text.charAt(j));
            }
        }
        if (cjk == CjkMode.UNIGRAMS_AND_BIGRAMS) {
            add(tokens, prefix + text.charAt(end - 1));
        }
    }

    private static void latin(String word, String prefix, Set<String> tokens) {
        String w = word.toLowerCase(Locale.ROOT);
        while (!w.isEmpty() && (w.charAt(w.length() - 1) == '.' || w.charAt(w.length() - 1) == '-')) {
            w = w.substring(0, w.length() - 1);
        }
        if (w.length() >= 3 && w.length() <= 12) {
            add(tokens, prefix + w);
        } else if (w.length() > 12) {
            add(tokens, prefix + "skip:" + w.charAt(0) + " " + (w.length() / 10) * 10);
        }
    }

    /** One or two non-word characters between two Han characters. */
    private static boolean bridges(String text, int i) {
        for (int j = i; j < i + 3 && j < text.length(); j++) {
            char c = text.charAt(j);
            if (isHan(c)) {
                return j > i;
            }
            if (Character.isLetterOrDigit(c) || c == '\n') {
                return false;
            }
        }
        return false;
    }

    private static boolean isWordChar(char c) {
        return (Character.isLetterOrDigit(c) && !isHan(c)) || c == '\'' || c == '$' || c == '-' || c == '.' || c == '_';
    }

    static boolean isHan(char c) {
        return c >= '\u4e00' && c <= '\u9fff' || c >= '\u3400' && c <= '\u4dbf' || c >= '\uf900' && c <= '\ufaff';
    }

    private static void add(Set<String> tokens, String token) {
        if (tokens.size() < MAX_TOKENS) {
            tokens.add(token);
        }
    }
}
