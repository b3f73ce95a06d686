package org.tracewall.core.config;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tracewall.core.domain.DomainNames;
import org.tracewall.core.net.IpNetwork;

/**
 * Parsers for configuration values. Every error names the key it came from, so an operator
 * reading the startup failure knows which line of which file to fix.
 */
public final class ConfigValues {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");
    private static final Pattern BRACKETED_V6 = Pattern.compile("\\[([0-9a-fA-F:.]+)](?::(\\d+))?");

    private ConfigValues() {
    }

    /** "250ms", "2s", "5m", "1h", "35d"; a bare number is seconds. */
    public static Duration duration(String key, String value) {
        Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw bad(key, value, "a duration such as 500ms, 2s, 5m, 1h or 35d");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        switch (unit) {
            case "ms":
                return Duration.ofMillis(amount);
            case "m":
                return Duration.ofMinutes(amount);
            case "h":
                return Duration.ofHours(amount);
            case "d":
                return Duration.ofDays(amount);
            default:
                return Duration.ofSeconds(amount);
        }
    }

    /** The shortest exact form {@link #duration} reads back: 300s as "5m", 2 days as "2d". */
    public static String format(Duration duration) {
        long ms = duration.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s != 0 && s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s != 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s != 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    /** A finite decimal number. */
    public static double number(String key, String value) {
        try {
            double parsed = Double.parseDouble(value.trim());
            if (Double.isFinite(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(key, value, "a number");
    }

    /** A number as written in the reference: 1.0 as "1", 0.5 as "0.5". */
    public static String format(double number) {
        return number == Math.rint(number) && Math.abs(number) < 1e15 ? Long.toString((long) number) : Double.toString(number);
    }

    public static int intInRange(String key, String value, int min, int max) {
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw bad(key, value, "an integer");
        }
        if (parsed < min || parsed > max) {
            throw bad(key, value, "an integer from " + min + " to " + max);
        }
        return parsed;
    }

    public static boolean bool(String key, String value) {
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true":
            case "yes":
            case "on":
                return true;
            case "false":
            case "no":
            case "off":
                return false;
            default:
                throw bad(key, value, "true or false");
        }
    }

    /** "192.0.2.1", "192.0.2.1:5353", "[::1]:5353", "::1", "dns.example:53". */
    public static InetSocketAddress hostAndPort(String key, String value, int defaultPort) {
        String v = value.trim();
        Matcher v6 = BRACKETED_V6.matcher(v);
        if (v6.matches()) {
            return address(key, value, v6.group(1), v6.group(2), defaultPort);
        }
        int colon = v.indexOf(':');
        if (colon >= 0 && colon == v.lastIndexOf(':')) {
            return address(key, value, v.substring(0, colon), v.substring(colon + 1), defaultPort);
        }
        return address(key, value, v, null, defaultPort);
    }

    private static InetSocketAddress address(String key, String raw, String host, String port, int defaultPort) {
        if (host.isEmpty()) {
            throw bad(key, raw, "host[:port]");
        }
        int p = port == null ? defaultPort : intInRange(key, port, 1, 65535);
        return new InetSocketAddress(host, p);
    }

    /** A comma- or space-separated list, trimmed and lower-cased; empty entries dropped. */
    public static List<String> list(String value) {
        List<String> result = new ArrayList<>();
        for (String entry : value.split("[,\\s]+")) {
            if (!entry.isBlank()) {
                result.add(entry.trim().toLowerCase(Locale.ROOT));
            }
        }
        return result;
    }

    /** IP addresses and networks, comma- or space-separated. */
    public static List<IpNetwork> networks(String key, String value) {
        List<IpNetwork> result = new ArrayList<>();
        for (String entry : list(value)) {
            try {
                result.add(IpNetwork.parse(entry));
            } catch (IllegalArgumentException e) {
                throw bad(key, entry, "an IP address or network");
            }
        }
        return result;
    }

    /** One of an enum's constants, named in any case; the error lists the choices. */
    public static <E extends Enum<E>> E choice(String key, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder choices = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                choices.append(choices.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
            }
            throw bad(key, value, "one of " + choices);
        }
    }

    /** "ops@example.com, admin@example.org": a list of mail addresses (a local part, @, a host name). */
    public static List<String> mailAddresses(String key, String value) {
        List<String> addresses = list(value);
        for (String address : addresses) {
            int at = address.lastIndexOf('@');
            if (at <= 0 || !DomainNames.isHostName(address.substring(at + 1))) {
                throw bad(key, address, "mail addresses (admin@example.com)");
            }
        }
        return List.copyOf(addresses);
    }

    public static IllegalArgumentException bad(String key, String value, String expected) {
        return new IllegalArgumentException("Invalid value for '" + key + "': '" + value + "' (expected " + expected + ")");
    }
}
