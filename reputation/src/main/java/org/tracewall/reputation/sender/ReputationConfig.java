package org.tracewall.reputation.sender;

import java.time.Duration;
import java.util.Map;

import org.tracewall.core.config.Option;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.config.OptionValues;

/** The {@code reputation.*} section: how fast outcomes fade and when a reputation is worth a symbol. */
public final class ReputationConfig {
    public static final Option<Duration> HALF_LIFE = Option.positiveDuration("reputation.halfLife", Duration.ofDays(7),
        "an outcome this old counts half (a bad address that stops is forgiven in a few half-lives)");
    public static final Option<Double> MIN_WEIGHT = Option.number("reputation.minWeight", 3.0,
        "how many (decayed) outcomes a feature needs before its reputation gives a symbol");
    public static final OptionSection OPTIONS = OptionSection.of("reputation.", "Learned reputation", HALF_LIFE, MIN_WEIGHT);

    private final Duration halfLife;
    private final double minWeight;

    private ReputationConfig(Duration halfLife, double minWeight) {
        this.halfLife = halfLife;
        this.minWeight = minWeight;
    }

    public static ReputationConfig fromProperties(Map<String, String> properties) {
        OptionValues values = OPTIONS.read(properties);
        return new ReputationConfig(values.get(HALF_LIFE), values.get(MIN_WEIGHT));
    }

    public Duration halfLife() {
        return halfLife;
    }

    public double minWeight() {
        return minWeight;
    }
}
