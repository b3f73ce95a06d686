package org.tracewall.core.auth;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.tracewall.core.config.ConfigValues;

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
    private static final String PER_CLIENT = "auth.failures.perClient";
    private static final String PER_ACCOUNT = "auth.failures.perAccount";
    private static final String WINDOW = "auth.failures.window";
    private static final Set<String> KEYS = Set.of(PER_CLIENT, PER_ACCOUNT, WINDOW);

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
        for (String key : p.keySet()) {
            if (key.startsWith("auth.") && !KEYS.contains(key)) {
                throw new IllegalArgumentException("Unknown key '" + key + "' (known: " + String.join(", ", KEYS) + ")");
            }
        }
        Duration window = ConfigValues.duration(WINDOW, p.getOrDefault(WINDOW, "15m"));
        if (window.isZero() || window.isNegative()) {
            throw ConfigValues.bad(WINDOW, p.get(WINDOW), "a positive duration");
        }
        return new AuthThrottleConfig(ConfigValues.intInRange(PER_CLIENT, p.getOrDefault(PER_CLIENT, "10"), 0, 1_000_000),
            ConfigValues.intInRange(PER_ACCOUNT, p.getOrDefault(PER_ACCOUNT, "10"), 0, 1_000_000), window);
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
