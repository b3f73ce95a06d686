package org.tracewall.greylist;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.tracewall.core.config.Option;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.config.OptionValues;
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
    public static final Option<Duration> DELAY = Option.duration("greylist.delay", Duration.ofSeconds(300),
        "a new triplet (client network, sender, recipient) is deferred until this has passed (0s: the first retry passes)");
    public static final Option<Duration> RETRY_WINDOW = Option.positiveDuration("greylist.retryWindow", Duration.ofDays(2),
        "a retry after the delay and within this window passes");
    public static final Option<Duration> LIFETIME = Option.positiveDuration("greylist.lifetime", Duration.ofDays(35),
        "how long a passed triplet is remembered");
    public static final Option<Integer> AUTO_WHITELIST_AFTER = Option.integer("greylist.autoWhitelistAfter", 5, 0, 1_000_000,
        "passed triplets before a client network is whitelisted (0: never)");
    public static final Option<Integer> IPV4_PREFIX = Option.integer("greylist.ipv4Prefix", 24, 8, 32, "client network of a triplet, IPv4");
    public static final Option<Integer> IPV6_PREFIX = Option.integer("greylist.ipv6Prefix", 64, 16, 128,
        "client network of a triplet, IPv6");
    public static final Option<List<IpNetwork>> WHITELIST_CLIENTS = Option.networks("greylist.whitelist.clients",
        "clients never greylisted");
    public static final Option<List<String>> WHITELIST_SENDERS = Option.list("greylist.whitelist.senders", null,
        "sender addresses or domains never greylisted");
    public static final Option<List<String>> WHITELIST_RECIPIENTS = Option.list("greylist.whitelist.recipients", null,
        "recipient addresses or domains never greylisted");
    public static final OptionSection OPTIONS = OptionSection.of("greylist.", "Greylisting", DELAY, RETRY_WINDOW, LIFETIME,
        AUTO_WHITELIST_AFTER, IPV4_PREFIX, IPV6_PREFIX, WHITELIST_CLIENTS, WHITELIST_SENDERS, WHITELIST_RECIPIENTS);

    private final Duration delay;
    private final Duration retryWindow;
    private final Duration lifetime;
    private final int autoWhitelistAfter;
    private final int ipv4Prefix;
    private final int ipv6Prefix;
    private final List<IpNetwork> clients;
    private final List<String> senders;
    private final List<String> recipients;

    private GreylistConfig(OptionValues values) {
        this.delay = values.get(DELAY);
        this.retryWindow = values.get(RETRY_WINDOW);
        this.lifetime = values.get(LIFETIME);
        this.autoWhitelistAfter = values.get(AUTO_WHITELIST_AFTER);
        this.ipv4Prefix = values.get(IPV4_PREFIX);
        this.ipv6Prefix = values.get(IPV6_PREFIX);
        this.clients = values.get(WHITELIST_CLIENTS);
        this.senders = values.get(WHITELIST_SENDERS);
        this.recipients = values.get(WHITELIST_RECIPIENTS);
        if (retryWindow.compareTo(delay) <= 0) {
            throw new IllegalArgumentException(RETRY_WINDOW + " (" + retryWindow + ") must be longer than " + DELAY + " ("
                + delay + ")");
        }
    }

    /**
     * @throws IllegalArgumentException naming the bad or unknown key
     */
    public static GreylistConfig fromProperties(Map<String, String> properties) {
        return new GreylistConfig(OPTIONS.read(properties));
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
}
