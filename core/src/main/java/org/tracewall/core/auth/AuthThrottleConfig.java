package org.tracewall.core.auth;

import java.time.Duration;
import java.util.Map;

import org.tracewall.core.config.Option;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.config.OptionValues;

/**
 * The {@code auth.*} keys of tracewall.properties: how many failed logins a client address and
 * an account may have within a window before further attempts are refused until it ends.
 *
 * <pre>
 * auth.failures.perClient=10    # failed logins per client address per window (0 = no limit)
 * auth.failures.perAccount=10   # failed logins per account per window, from any address (0 = no limit)
 * auth.failures.window=15m
 * </pre>
 */
public final class AuthThrottleConfig {
    public static final Option<Integer> PER_CLIENT = Option.integer("auth.failures.perClient", 10, 0, 1_000_000,
        "failed SMTP logins per client address within the window before 454 until it ends (0: no limit)");
    public static final Option<Integer> PER_ACCOUNT = Option.integer("auth.failures.perAccount", 10, 0, 1_000_000,
        "failed SMTP logins per account within the window before 454 until it ends (0: no limit)");
    public static final Option<Duration> WINDOW = Option.positiveDuration("auth.failures.window", Duration.ofMinutes(15),
        "how long failures are counted");
    public static final OptionSection OPTIONS = OptionSection.of("auth.", "SMTP login failures", PER_CLIENT, PER_ACCOUNT, WINDOW);

    private final int perClient;
    private final int perAccount;
    private final Duration window;

    private AuthThrottleConfig(int perClient, int perAccount, Duration window) {
        this.perClient = perClient;
        this.perAccount = perAccount;
        this.window = window;
    }

    /**
     * @throws IllegalArgumentException naming the bad or unknown key
     */
    public static AuthThrottleConfig fromProperties(Map<String, String> p) {
        OptionValues values = OPTIONS.read(p);
        return new AuthThrottleConfig(values.get(PER_CLIENT), values.get(PER_ACCOUNT), values.get(WINDOW));
    }

    public static AuthThrottleConfig defaults() {
        return fromProperties(Map.of());
    }

    /** 0: no limit. */
    public int perClient() {
        return perClient;
    }

    /** 0: no limit. */
    public int perAccount() {
        return perAccount;
    }

    public Duration window() {
        return window;
    }
}
