package org.tracewall.core.auth;

import java.util.Locale;
import java.util.Optional;

import org.tracewall.core.store.FailOpen;
import org.tracewall.core.store.StateStore;
import org.tracewall.core.store.StoreUnavailableException;

/**
 * Password guessing control: failed logins are counted per client address and per account in
 * the state store (so every node of a cluster sees the same counts), and once either count
 * reaches its limit, further attempts are refused until the window ends, whether the password
 * is right or not. Refusing the right password too is the point: otherwise a guesser learns
 * which attempt was right from the reply. Counting per account as well as per address stops a
 * guesser who spreads attempts over many addresses; the price is that such a guesser can lock
 * an account out for one window, which is why the window is short.
 *
 * <p>A store that is down never blocks logins (fail-open, counted): the password check still
 * applies, only the counting is lost.
 */
public final class AuthThrottle {
    private static final String PREFIX = "tracewall:auth:fail:";

    private final StateStore store;
    private final AuthThrottleConfig config;
    private final FailOpen failOpen = new FailOpen("auth-throttle");

    public AuthThrottle(StateStore store, AuthThrottleConfig config) {
        this.store = store;
        this.config = config;
    }

    /** Why a login attempt from this client for this account is refused now, if it is. */
    public Optional<String> refusal(String clientAddress, String account) {
        try {
            if (overLimit(clientKey(clientAddress), config.perClient())) {
                return Optional.of("Too many failed logins from " + clientAddress + "; try again in "
                    + minutes() + " minutes");
            }
            if (overLimit(accountKey(account), config.perAccount())) {
                return Optional.of("Too many failed logins for this account; try again in " + minutes() + " minutes");
            }
        } catch (StoreUnavailableException e) {
            failOpen.record(e);
        }
        return Optional.empty();
    }

    /** Counts one failed login of this client for this account. */
    public void recordFailure(String clientAddress, String account) {
        try {
            if (config.perClient() > 0) {
                store.increment(clientKey(clientAddress), config.window());
            }
            if (config.perAccount() > 0) {
                store.increment(accountKey(account), config.window());
            }
        } catch (StoreUnavailableException e) {
            failOpen.record(e);
        }
    }

    /** Logins let through unchecked because the store was down, since start. */
    public long failOpenCount() {
        return failOpen.count();
    }

    private boolean overLimit(String key, int limit) {
        return limit > 0 && store.get(key).map(Long::parseLong).orElse(0L) >= limit;
    }

    private long minutes() {
        return Math.max(1, config.window().toMinutes());
    }

    private static String clientKey(String clientAddress) {
        return PREFIX + "client:" + clientAddress;
    }

    private static String accountKey(String account) {
        return PREFIX + "account:" + account.toLowerCase(Locale.ROOT);
    }
}
