package org.tracewall.greylist;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.tracewall.core.config.ConfigValues;
import org.tracewall.core.net.IpNetwork;

/**
 * The {@code greylist.*} keys of tracewall.properties. Defaults follow postgrey: a 300 s
 * delay, triplets kept 35 days, a client whitelisted after 5 successful deliveries.
 *
 * <pre>
 * greylist.delay=300s                 # how long a new triplet must wait before a retry is accepted
 * greylist.retryWindow=2d             # how long a first attempt is remembered
 * greylist.lifetime=35d               # how long a passed triplet and an auto-whitelist last
 * greylist.autoWhitelistAfter=5       # passed triplets before the client network is whitelisted (0 = never)
 * greylist.ipv4Prefix=24
 * greylist.ipv6Prefix=64
 * greylist.whitelist.clients=192.0.2.0/24, 2001:db8::/32
 * greylist.whitelist.senders=example.com, news@example.org
 * greylist.whitelist.recipients=postmaster@example.net, abuse@example.net
 * </pre>
 */
public final class GreylistConfig {
    public static final String PREFIX = "greylist.";
    private static final Set<String> KEYS = Set.of("greylist.delay", "greylist.retryWindow", "greylist.lifetime",
        "greylist.autoWhitelistAfter", "greylist.ipv4Prefix", "greylist.ipv6Prefix", "greylist.whitelist.clients",
        "greylist.whitelist.senders", "greylist.whitelist.recipients");

    private final Duration delay;
    private final Duration retryWindow;
    private final Duration lifetime;
    private final int autoWhitelistAfter;
    private final int ipv4Prefix;
    private final int ipv6Prefix;
    private final List<IpNetwork> clients;
    private final List<String> senders;
    private final List<String> recipients;

    private GreylistConfig(Map<String, String> p) {
        this.delay = duration(p, "greylist.delay", Duration.ofSeconds(300));
        this.retryWindow = duration(p, "greylist.retryWindow", Duration.ofDays(2));
        this.lifetime = duration(p, "greylist.lifetime", Duration.ofDays(35));
        this.autoWhitelistAfter = integer(p, "greylist.autoWhitelistAfter", 5, 0, 1_000_000);
        this.ipv4Prefix = integer(p, "greylist.ipv4Prefix", 24, 8, 32);
        this.ipv6Prefix = integer(p, "greylist.ipv6Prefix", 64, 16, 128);
        this.clients = networks(p.getOrDefault("greylist.whitelist.clients", ""));
        this.senders = list(p.getOrDefault("greylist.whitelist.senders", ""));
        this.recipients = list(p.getOrDefault("greylist.whitelist.recipients", ""));
        if (retryWindow.compareTo(delay) <= 0) {
            throw new IllegalArgumentException("greylist.retryWindow (" + retryWindow + ") must be longer than greylist.delay ("
                + delay + ")");
        }
    }

    /**
     * @throws IllegalArgumentException naming the bad or unknown key
     */
    public static GreylistConfig fromProperties(Map<String, String> properties) {
        for (String key : properties.keySet()) {
            if (key.startsWith(PREFIX) && !KEYS.contains(key)) {
                throw new IllegalArgumentException("Unknown key '" + key + "' (known: " + String.join(", ", KEYS) + ")");
            }
        }
        return new GreylistConfig(properties);
    }

    public static GreylistConfig defaults() {
        return fromProperties(Map.of());
    }

    public Duration delay() {
        return delay;
    }

    public Duration retryWindow() {
        return retryWindow;
    }

    public Duration lifetime() {
        return lifetime;
    }

    public int autoWhitelistAfter() {
        return autoWhitelistAfter;
    }

    public int ipv4Prefix() {
        return ipv4Prefix;
    }

    public int ipv6Prefix() {
        return ipv6Prefix;
    }

    public List<IpNetwork> whitelistedClients() {
        return clients;
    }

    public List<String> whitelistedSenders() {
        return senders;
    }

    public List<String> whitelistedRecipients() {
        return recipients;
    }

    private static Duration duration(Map<String, String> p, String key, Duration def) {
        String v = p.get(key);
        return v == null || v.isBlank() ? def : ConfigValues.duration(key, v);
    }

    private static int integer(Map<String, String> p, String key, int def, int min, int max) {
        String v = p.get(key);
        return v == null || v.isBlank() ? def : ConfigValues.intInRange(key, v, min, max);
    }

    private static List<IpNetwork> networks(String value) {
        List<IpNetwork> result = new ArrayList<>();
        for (String entry : list(value)) {
            try {
                result.add(IpNetwork.parse(entry));
            } catch (IllegalArgumentException e) {
                throw ConfigValues.bad("greylist.whitelist.clients", entry, "an IP address or network");
            }
        }
        return List.copyOf(result);
    }

    private static List<String> list(String value) {
        List<String> result = new ArrayList<>();
        for (String entry : value.split("[,\\s]+")) {
            if (!entry.isBlank()) {
                result.add(entry.trim().toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(result);
    }
}
