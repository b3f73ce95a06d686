package org.tracewall.core.awl;

import java.time.Duration;
import java.util.Map;

import org.tracewall.core.config.Option;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.config.OptionValues;

/** The {@code awl.*} section: how long a correspondent a local user wrote to stays trusted. */
public final class AutoWhitelistConfig {
    public static final Option<Duration> LIFETIME = Option.positiveDuration("awl.lifetime", Duration.ofDays(90),
        "how long an address a local user sent mail to stays trusted for that user (renewed by each mail)");
    public static final OptionSection OPTIONS = OptionSection.of("awl.", "Auto-whitelist", LIFETIME);

    private final Duration lifetime;

    private AutoWhitelistConfig(Duration lifetime) {
        this.lifetime = lifetime;
    }

    public static AutoWhitelistConfig fromProperties(Map<String, String> properties) {
        OptionValues values = OPTIONS.read(properties);
        return new AutoWhitelistConfig(values.get(LIFETIME));
    }

    public Duration lifetime() {
        return lifetime;
    }
}
