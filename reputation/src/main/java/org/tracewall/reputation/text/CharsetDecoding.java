package org.tracewall.reputation.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a text part's bytes into text when its label may lie. The declared charset is used when
 * the bytes decode cleanly with it (GB2312 and GBK read as their superset GB18030, as mail
 * clients do); otherwise, or without a label, the bytes decide: pure ASCII, strict UTF-8, then
 * GB18030 against Big5, whichever yields more of the most frequent Chinese characters; last,
 * ISO-8859-1, which never fails.
 */
public final class CharsetDecoding {
    static final Charset GB18030 = Charset.forName("GB18030");
    static final Charset BIG5 = Charset.forName("Big5");
    /** The most frequent characters of written Chinese, simplified and traditional forms. */
    private static final String COMMON = "的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生自会那后能对着"
        + "事其里所去行过家十用发天如然作方成者多日都三小军二无同么经法当起与好看学进种将还分此心前面又定见只主没公从"
        + "這為來個們說國會後對著裡過發無麼經當與學進種將還見沒從們時";

    private CharsetDecoding() {
    }

    /** The decoded text and the charset actually used. */
    public static Decoded decode(byte[] bytes, String declared) {
        Optional<Charset> label = charset(declared);
        if (label.isPresent()) {
            Optional<String> strict = strict(bytes, label.get());
            if (strict.isPresent()) {
                return betterGuess(bytes, strict.get(), label.get());
            }
        }
        Decoded guessed = guess(bytes);
        return new Decoded(guessed.text(), guessed.charset(), label.isPresent());
    }

    /**
     * A single-byte label (ISO-8859-1 decodes any bytes) or a Chinese label can decode cleanly and
     * still be wrong: when the bytes read as clearly more Chinese another way, the label lied.
     */
    private static Decoded betterGuess(byte[] bytes, String labelled, Charset label) {
        if (isAscii(bytes) || label.equals(StandardCharsets.UTF_8)) {
            return new Decoded(labelled, label, false);
        }
        Decoded guessed = guess(bytes);
        if (!guessed.charset().equals(label) && commonCharacters(guessed.text()) > 2 * commonCharacters(labelled) + 2) {
            return new Decoded(guessed.text(), guessed.charset(), true);
        }
        return new Decoded(labelled, label, false);
    }

    static Decoded guess(byte[] bytes) {
        if (isAscii(bytes)) {
            return new Decoded(new String(bytes, StandardCharsets.US_ASCII), StandardCharsets.US_ASCII, false);
        }
        Optional<String> utf8 = strict(bytes, StandardCharsets.UTF_8);
        if (utf8.isPresent()) {
            return new Decoded(utf8.get(), StandardCharsets.UTF_8, false);
        }
        Decoded best = null;
        int bestScore = -1;
        for (Charset candidate : List.of(GB18030, BIG5)) {
            Optional<String> text = strict(bytes, candidate);
            if (text.isPresent()) {
                int score = commonCharacters(text.get());
                if (score > bestScore) {
                    best = new Decoded(text.get(), candidate, false);
                    bestScore = score;
                }
            }
        }
        return best != null ? best : new Decoded(new String(bytes, StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1, false);
    }

    private static int commonCharacters(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (COMMON.indexOf(text.charAt(i)) >= 0) {
                count++;
            }
        }
        return count;
    }

    static Optional<Charset> charset(String declared) {
        if (declared == null || declared.isBlank()) {
            return Optional.empty();
        }
        String name = declared.trim().replace("\"", "").toLowerCase(Locale.ROOT);
        if (name.equals("gb2312") || name.equals("gbk") || name.equals("x-gbk") || name.equals("cp936") || name.equals("euc-cn")) {
            return Optional.of(GB18030);
        }
        try {
            return Optional.of(Charset.forName(name));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> strict(byte[] bytes, Charset charset) {
        try {
            CharBuffer chars = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return Optional.of(chars.toString());
        } catch (CharacterCodingException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** Text, the charset that produced it, and whether the declared label was wrong. */
    public static final class Decoded {
        private final String text;
        private final Charset charset;
        private final boolean labelLied;

        Decoded(String text, Charset charset, boolean labelLied) {
            this.text = text;
            this.charset = charset;
            this.labelLied = labelLied;
        }

        public String text() {
            return text;
        }

        public Charset charset() {
            return charset;
        }

        public boolean labelLied() {
            return labelLied;
        }
    }
}
