package org.tracewall.reputation.fingerprint;

import java.time.Duration;
import java.util.Map;

import org.tracewall.core.config.Option;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.config.OptionValues;

/** The {@code fingerprint.*} section: when the copies of one text make bulk mail. */
public final class FingerprintConfig {
    public static final Option<Integer> BULK_RECIPIENTS = Option.integer("fingerprint.bulkRecipients", 50, 2, 1_000_000,
        "the copies of one text (a shared print) delivered to this many recipients within the window make bulk mail (BULK)");
    public static final Option<Duration> WINDOW = Option.positiveDuration("fingerprint.window", Duration.ofHours(1),
        "how long the recipients of a print are counted (a fixed window from its first copy)");
    public static final OptionSection OPTIONS = OptionSection.of("fingerprint.", "Bulk fingerprints", BULK_RECIPIENTS, WINDOW);

    private final int bulkRecipients;
    private final Duration window;

    private FingerprintConfig(int bulkRecipients, Duration window) {
        this.bulkRecipients = bulkRecipients;
        this.window = window;
    }

    public static FingerprintConfig fromProperties(Map<String, String> properties) {
        OptionValues values = OPTIONS.read(properties);
        return new FingerprintConfig(values.get(BULK_RECIPIENTS), values.get(WINDOW));
    }

    public int bulkRecipients() {
        return bulkRecipients;
    }

    public Duration window() {
        return window;
    }
}
