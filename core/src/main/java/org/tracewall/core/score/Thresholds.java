package org.tracewall.core.score;

import java.util.Locale;
import java.util.Objects;

import org.tracewall.core.config.ConfigValues;

/**
 * The scores at which a message is tagged, quarantined or rejected. A threshold that is off
 * is {@code +Infinity}: no score reaches it.
 */
public final class Thresholds {
    private static final Thresholds DEFAULTS = new Thresholds(5.0, 10.0, 15.0);

    private final double tag;
    private final double quarantine;
    private final double reject;

    private Thresholds(double tag, double quarantine, double reject) {
        this.tag = tag;
        this.quarantine = quarantine;
        this.reject = reject;
    }

    /** Tag at 5, quarantine at 10, reject at 15 (SpamAssassin's "required score" is 5). */
    public static Thresholds defaults() {
        return DEFAULTS;
    }

    /**
     * The thresholds given, each unset one taken from {@code base}.
     *
     * @param where the keys, for the error ("score." or "score.group.outbound.")
     * @throws IllegalArgumentException naming the keys when they are not in order
     */
    static Thresholds of(Double tag, Double quarantine, Double reject, Thresholds base, String where) {
        double t = tag == null ? base.tag : tag;
        double q = quarantine == null ? base.quarantine : quarantine;
        double r = reject == null ? base.reject : reject;
        if (finite(t) && finite(q) && t > q || finite(q) && finite(r) && q > r || finite(t) && finite(r) && t > r) {
            throw new IllegalArgumentException("Thresholds '" + where + "tag/quarantine/reject' must not decrease: "
                + format(t) + " / " + format(q) + " / " + format(r));
        }
        return new Thresholds(t, q, r);
    }

    /** "12.5" or "off" (+Infinity: no score reaches it). */
    static double parse(String key, String value) {
        if (value.trim().toLowerCase(Locale.ROOT).equals("off")) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            return ConfigValues.number(key, value);
        } catch (IllegalArgumentException e) {
            throw ConfigValues.bad(key, value, "a number or off");
        }
    }

    public ScoreAction actionFor(double score) {
        if (score >= reject) {
            return ScoreAction.REJECT;
        }
        if (score >= quarantine) {
            return ScoreAction.QUARANTINE;
        }
        if (score >= tag) {
            return ScoreAction.TAG;
        }
        return ScoreAction.ACCEPT;
    }

    public double tag() {
        return tag;
    }

    public double quarantine() {
        return quarantine;
    }

    public double reject() {
        return reject;
    }

    /** "5.00/10.00/15.00", "off" for a threshold that is off. */
    public String describe() {
        return format(tag) + "/" + format(quarantine) + "/" + format(reject);
    }

    static String format(double value) {
        return finite(value) ? Points.format(value) : "off";
    }

    private static boolean finite(double value) {
        return Double.isFinite(value);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Thresholds)) {
            return false;
        }
        Thresholds t = (Thresholds) o;
        return Double.compare(tag, t.tag) == 0 && Double.compare(quarantine, t.quarantine) == 0 && Double.compare(reject, t.reject) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(tag, quarantine, reject);
    }

    @Override
    public String toString() {
        return describe();
    }
}
