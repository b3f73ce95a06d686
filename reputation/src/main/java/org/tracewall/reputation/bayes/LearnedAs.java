package org.tracewall.reputation.bayes;

import java.util.Objects;

/**
 * How a learned message was counted, as a model remembers it by the message's id: its label, and
 * whether it moved the {@link CjkOpinion} weights (a margin learner moves them only while a
 * message is misjudged, so undoing it must know). Kept so that a message can be forgotten, or
 * learned again under the other label, exactly. Models saved before labels were kept know only
 * that an id was learned ({@link #UNRECORDED}): such a message cannot be forgotten.
 */
public final class LearnedAs {
    public static final LearnedAs SPAM = new LearnedAs(Label.SPAM, false);
    public static final LearnedAs HAM = new LearnedAs(Label.HAM, false);
    public static final LearnedAs UNRECORDED = new LearnedAs(Label.UNRECORDED, false);

    private static final String MOVED_NGRAMS = "+cjk";

    private enum Label { SPAM, HAM, UNRECORDED }

    private final Label label;
    private final boolean movedNgrams;

    private LearnedAs(Label label, boolean movedNgrams) {
        this.label = label;
        this.movedNgrams = movedNgrams;
    }

    public static LearnedAs of(boolean spam, boolean movedNgrams) {
        return new LearnedAs(spam ? Label.SPAM : Label.HAM, movedNgrams);
    }

    /** The stored form ({@link #code()}); anything else is {@link #UNRECORDED}. */
    public static LearnedAs parse(String code) {
        boolean moved = code.endsWith(MOVED_NGRAMS);
        String label = moved ? code.substring(0, code.length() - MOVED_NGRAMS.length()) : code;
        if (label.equals("spam") || label.equals("ham")) {
            return of(label.equals("spam"), moved);
        }
        return UNRECORDED;
    }

    /** "spam", "ham", "spam+cjk", "ham+cjk", or "" when unrecorded. */
    public String code() {
        if (label == Label.UNRECORDED) {
            return "";
        }
        return (label == Label.SPAM ? "spam" : "ham") + (movedNgrams ? MOVED_NGRAMS : "");
    }

    public boolean isRecorded() {
        return label != Label.UNRECORDED;
    }

    /** Only meaningful when {@link #isRecorded()}. */
    public boolean isSpam() {
        return label == Label.SPAM;
    }

    public boolean movedNgrams() {
        return movedNgrams;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LearnedAs && ((LearnedAs) other).label == label && ((LearnedAs) other).movedNgrams == movedNgrams;
    }

    @Override
    public int hashCode() {
        return Objects.hash(label, movedNgrams);
    }

    @Override
    public String toString() {
        return isRecorded() ? code() : "unrecorded";
    }
}
