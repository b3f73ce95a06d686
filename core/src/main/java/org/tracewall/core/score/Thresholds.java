package org.tracewall.core.score;

import java.util.Locale;
import java.util.Map;
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
     * Reads {@code <prefix>tag}, {@code quarantine}, {@code reject} over {@code base}: a number
     * or {@code off}.
     *
     * @throws IllegalArgumentException naming the bad key, also when they are not in order
     */
    static Thresholds read(Map<String, String> p, String prefix, Thresholds base) {
        double tag = value(p, prefix + "tag", base.tag);
        double quarantine = value(p, prefix + "quarantine", base.quarantine);
        double reject = value(p, prefix + "reject", base.reject);
        if (finite(tag) && finite(quarantine) && tag > quarantine || finite(quarantine) && finite(reject) && quarantine > reject
            || finite(tag) && finite(reject) && tag > reject) {
            throw new IllegalArgumentException("Thresholds '" + prefix + "tag/quarantine/reject' must not decrease: "
                + format(tag) + " / " + format(quarantine) + " / " + format(reject));
        }
        return new Thresholds(tag, quarantine, reject);
    }

    private static double value(Map<String, String> p, String key, double fallback) {
        String raw = p.get(key);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        String v = raw.trim().toLowerCase(Locale.ROOT);
        if (v.equals("off")) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            double parsed = Double.parseDouble(v);
            if (Double.isFinite(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ConfigValues.bad(key, raw, "a number or off");
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
