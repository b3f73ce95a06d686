package org.tracewall.app.login;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Failed mailbox logins (IMAP LOGIN and AUTHENTICATE) per account: past {@code perAccount} in one
 * window every attempt is refused, the right password too, until the window ends. The same rule and
 * keys as SMTP AUTH's throttle ({@code auth.failures.perAccount}, {@code auth.failures.window} in
 * tracewall.properties), kept in this server's memory: James 3.8.1's IMAP server tells its
 * authenticator neither the client's address nor anything Tracewall's state store could key on, so
 * IMAP is counted per account and per node. Each attempt is counted before the password is checked,
 * so attempts in parallel get no more tries than the limit.
 */
public final class LoginThrottle {
    static final String PER_ACCOUNT = "auth.failures.perAccount";
    static final String WINDOW = "auth.failures.window";
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    private final int perAccount;
    private final long windowMillis;
    private final LongSupplier clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    LoginThrottle(int perAccount, Duration window, LongSupplier clock) {
        this.perAccount = perAccount;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /**
     * From tracewall.properties values (absent: 10 in 15 minutes, as for SMTP AUTH).
     *
     * @throws IllegalArgumentException naming the bad key
     */
    public static LoginThrottle fromProperties(String perAccount, String window) {
        int limit;
        try {
            limit = perAccount == null ? 10 : Integer.parseInt(perAccount.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PER_ACCOUNT + ": not a whole number: '" + perAccount + "'");
        }
        if (limit < 0) {
            throw new IllegalArgumentException(PER_ACCOUNT + " must be >= 0, got " + limit);
        }
        return new LoginThrottle(limit, window == null ? Duration.ofMinutes(15) : duration(window), System::currentTimeMillis);
    }

    /** Counts an attempt for the account; false when it is refused (the limit is reached). 0 means no limit. */
    public boolean reserve(String account) {
        if (perAccount == 0) {
            return true;
        }
        long now = clock.getAsLong();
        Window counted = windows.compute(key(account), (k, w) -> w == null || now - w.start >= windowMillis
            ? new Window(now, 1, 0) : new Window(w.start, w.attempts + 1, w.successes));
        return counted.attempts - counted.successes <= perAccount;
    }

    /** The reserved attempt had the right password: it is not a failure. */
    public void succeeded(String account) {
        if (perAccount > 0) {
            windows.computeIfPresent(key(account), (k, w) -> new Window(w.start, w.attempts, w.successes + 1));
        }
    }

    private static String key(String account) {
        return account.toLowerCase(Locale.ROOT);
    }

    private static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(WINDOW + ": not a duration such as 15m: '" + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration window;
        switch (unit) {
            case "ms": window = Duration.ofMillis(amount); break;
            case "m": window = Duration.ofMinutes(amount); break;
            case "h": window = Duration.ofHours(amount); break;
            case "d": window = Duration.ofDays(amount); break;
            default: window = Duration.ofSeconds(amount);
        }
        if (window.isZero()) {
            throw new IllegalArgumentException(WINDOW + " must be positive, got '" + text + "'");
        }
        return window;
    }

    /** One account's fixed window: when it began, attempts in it, and how many of them succeeded. */
    private static final class Window {
        final long start;
        final int attempts;
        final int successes;

        Window(long start, int attempts, int successes) {
            this.start = start;
            this.attempts = attempts;
            this.successes = successes;
        }
    }
}
