package org.tracewall.core.stats;

import java.time.Duration;
import java.util.Map;

import org.tracewall.core.config.Option;
import org.tracewall.core.config.OptionSection;

/** The {@code stats.*} section: how long the hourly decision counts are kept. */
public final class StatsConfig {
    public static final Option<Duration> RETENTION = Option.positiveDuration("stats.retention", Duration.ofDays(7),
        "how long the hourly counts of decisions, symbols, sender domains and clients are kept (whole hours)");
    public static final OptionSection OPTIONS = OptionSection.of("stats.", "Statistics", RETENTION);

    private final Duration retention;

    private StatsConfig(Duration retention) {
        this.retention = retention;
    }

    public static StatsConfig fromProperties(Map<String, String> properties) {
        return new StatsConfig(OPTIONS.read(properties).get(RETENTION));
    }

    /** At least one hour. */
    public int retentionHours() {
        return (int) Math.max(1, Math.min(24L * 366, retention.toHours()));
    }
}
