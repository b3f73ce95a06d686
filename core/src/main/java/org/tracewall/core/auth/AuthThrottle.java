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

    /**
     * Reserves a login attempt of this client for this account, counted as a failure until
     * {@link #succeeded} says otherwise, and tells why it is refused, if it is. Counting first and
     * judging the count after is what makes the limit hold for attempts in parallel: with "check,
     * then count the failure" twenty connections that check at once all see the same count and
     * all get to guess.
     */
    public Optional<String> reserve(String clientAddress, String account) {
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

    /**
     * The reserved attempt was a success: it no longer counts as a failure. The store only counts
     * up, so successes are a second count subtracted from the attempts; started later, it ends
     * after the attempts' window, never before.
     */
    public void succeeded(String clientAddress, String account) {
        try {
            if (config.perClient() > 0) {
                store.increment(successKey(clientKey(clientAddress)), config.window());
            }
            if (config.perAccount() > 0) {
                store.increment(successKey(accountKey(account)), config.window());
            }
        } catch (StoreUnavailableException e) {
            failOpen.record(e);
        }
    }

    /** Logins let through unchecked because the store was down, since start. */
    public long failOpenCount() {
        return failOpen.count();
    }

    /** Counts this attempt under {@code key}; over the limit when the failures, this one included, exceed it. */
    private boolean overLimit(String key, int limit) {
        if (limit <= 0) {
            return false;
        }
        long attempts = store.increment(key, config.window());
        long successes = store.get(successKey(key)).map(Long::parseLong).orElse(0L);
        return attempts - successes > limit;
    }

    private long minutes() {
        return Math.max(1, config.window().toMinutes());
    }

    private static String successKey(String attemptsKey) {
        return attemptsKey + ":ok";
    }

    private static String clientKey(String clientAddress) {
        return PREFIX + "client:" + clientAddress;
    }

    private static String accountKey(String account) {
        return PREFIX + "account:" + account.toLowerCase(Locale.ROOT);
    }
}
