package org.tracewall.core.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.tracewall.core.config.ConfigValues;
import org.tracewall.core.config.Option;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.config.OptionValues;
import org.xbill.DNS.ResolverConfig;

/**
 * Validated, immutable resolver settings. Timeouts nest: one attempt to one server
 * ({@code timeout}) &lt; all attempts and retries &lt; the whole lookup ({@code deadline}), so a
 * dead server costs at most {@code deadline} and then reads as a temporary failure.
 */
public final class DnsConfig {
    public static final Option<List<InetSocketAddress>> SERVERS = Option.<List<InetSocketAddress>>of("dns.servers", "host[:port] list",
        DnsConfig::servers, List.of(), "resolvers to ask, comma separated; [::1]:5353 for IPv6")
        .defaultReads("the system's (resolv.conf)");
    public static final Option<Duration> TIMEOUT = Option.positiveDuration("dns.timeout", Duration.ofSeconds(2),
        "one attempt to one server");
    public static final Option<Integer> RETRIES = Option.integer("dns.retries", 1, 0, 10, "retries per server");
    public static final Option<Duration> DEADLINE = Option.positiveDuration("dns.deadline", Duration.ofSeconds(6),
        "a whole lookup; past it the answer is a temporary failure (SMTP 4xx)");
    public static final Option<Integer> CACHE_SIZE = Option.integer("dns.cache.size", 10_000, 0, 10_000_000,
        "cached answers (0 disables the cache)");
    public static final Option<Duration> CACHE_MAX_TTL = Option.duration("dns.cache.maxTtl", Duration.ofHours(1),
        "cap on any cached TTL");
    public static final Option<Integer> PENDING_PER_NETWORK = Option.integer("dns.pendingPerNetwork", 4, 0, 100_000,
        "SMTP sessions of one client network (IPv4 /24, IPv6 /64) that may wait on uncached DNS-bound checks at once; "
            + "past it 451 4.4.5 (0: no bound)");
    public static final Option<Integer> PENDING_PER_ZONE = Option.integer("dns.pendingPerZone", 4, 0, 100_000,
        "SMTP sessions that may wait on uncached checks about one registrable domain at once (0: no bound)");
    public static final Option<Integer> PENDING_TOTAL = Option.integer("dns.pendingTotal", 16, 0, 100_000,
        "SMTP sessions of all clients that may wait on uncached DNS-bound checks at once; a check whose answer is cached "
            + "needs no permit (0: no bound)");
    public static final OptionSection OPTIONS = OptionSection.of("dns.", "DNS resolver", SERVERS, TIMEOUT, RETRIES, DEADLINE,
        CACHE_SIZE, CACHE_MAX_TTL, PENDING_PER_NETWORK, PENDING_PER_ZONE, PENDING_TOTAL);

    private final List<InetSocketAddress> servers;
    private final Duration timeout;
    private final int retries;
    private final Duration deadline;
    private final int cacheSize;
    private final Duration cacheMaxTtl;
    private final int pendingPerNetwork;
    private final int pendingPerZone;
    private final int pendingTotal;

    private DnsConfig(Builder b) {
        this.servers = List.copyOf(b.servers);
        this.timeout = b.timeout;
        this.retries = b.retries;
        this.deadline = b.deadline;
        this.cacheSize = b.cacheSize;
        this.cacheMaxTtl = b.cacheMaxTtl;
        this.pendingPerNetwork = b.pendingPerNetwork;
        this.pendingPerZone = b.pendingPerZone;
        this.pendingTotal = b.pendingTotal;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The system's resolvers (resolv.conf) with default timeouts. */
    public static DnsConfig systemDefault() {
        return builder().build();
    }

    /**
     * Reads the {@code dns.*} keys; absent keys keep their defaults.
     *
     * @throws IllegalArgumentException naming the bad key
     */
    public static DnsConfig fromProperties(Map<String, String> properties) {
        OptionValues values = OPTIONS.read(properties);
        Builder b = builder();
        values.get(SERVERS).forEach(b::server);
        return b.timeout(values.get(TIMEOUT)).retries(values.get(RETRIES)).deadline(values.get(DEADLINE))
            .cacheSize(values.get(CACHE_SIZE)).cacheMaxTtl(values.get(CACHE_MAX_TTL))
            .pendingPerNetwork(values.get(PENDING_PER_NETWORK)).pendingPerZone(values.get(PENDING_PER_ZONE))
            .pendingTotal(values.get(PENDING_TOTAL)).build();
    }

    private static List<InetSocketAddress> servers(String key, String value) {
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String server : value.split("[,\\s]+")) {
            if (!server.isEmpty()) {
                servers.add(ConfigValues.hostAndPort(key, server, 53));
            }
        }
        return List.copyOf(servers);
    }

    /** Servers to ask; empty means the system's. */
    public List<InetSocketAddress> servers() {
        return servers;
    }

    public Duration timeout() {
        return timeout;
    }

    public int retries() {
        return retries;
    }

    public Duration deadline() {
        return deadline;
    }

    public int cacheSize() {
        return cacheSize;
    }

    public Duration cacheMaxTtl() {
        return cacheMaxTtl;
    }

    /**
     * SMTP sessions from one client network (IPv4 /24, IPv6 /64) that may wait on uncached DNS-bound
     * checks at once (0: no bound).
     */
    public int pendingPerNetwork() {
        return pendingPerNetwork;
    }

    /** SMTP sessions that may wait on uncached DNS-bound checks about one registrable domain at once (0: no bound). */
    public int pendingPerZone() {
        return pendingPerZone;
    }

    /** SMTP sessions that may wait on uncached DNS-bound checks at once, all clients together (0: no bound). */
    public int pendingTotal() {
        return pendingTotal;
    }

    /** The configured servers, or the system's when none are configured. */
    public List<InetSocketAddress> effectiveServers() {
        if (!servers.isEmpty()) {
            return servers;
        }
        List<InetSocketAddress> system = ResolverConfig.getCurrentConfig().servers();
        if (system.isEmpty()) {
            return List.of(new InetSocketAddress("127.0.0.1", 53));
        }
        return system;
    }

    @Override
    public String toString() {
        return "DnsConfig{servers=" + servers + ", timeout=" + timeout + ", retries=" + retries
            + ", deadline=" + deadline + ", cacheSize=" + cacheSize + ", cacheMaxTtl=" + cacheMaxTtl
            + ", pendingPerNetwork=" + pendingPerNetwork + ", pendingPerZone=" + pendingPerZone
            + ", pendingTotal=" + pendingTotal + '}';
    }

    /** Collects and cross-checks the settings. */
    public static final class Builder {
        private final List<InetSocketAddress> servers = new ArrayList<>();
        private Duration timeout = TIMEOUT.defaultValue();
        private int retries = RETRIES.defaultValue();
        private Duration deadline = DEADLINE.defaultValue();
        private int cacheSize = CACHE_SIZE.defaultValue();
        private Duration cacheMaxTtl = CACHE_MAX_TTL.defaultValue();
        private int pendingPerNetwork = PENDING_PER_NETWORK.defaultValue();
        private int pendingPerZone = PENDING_PER_ZONE.defaultValue();
        private int pendingTotal = PENDING_TOTAL.defaultValue();

        private Builder() {
        }

        public Builder pendingPerNetwork(int bound) {
            this.pendingPerNetwork = nonNegative(PENDING_PER_NETWORK, bound);
            return this;
        }

        public Builder pendingPerZone(int bound) {
            this.pendingPerZone = nonNegative(PENDING_PER_ZONE, bound);
            return this;
        }

        public Builder pendingTotal(int bound) {
            this.pendingTotal = nonNegative(PENDING_TOTAL, bound);
            return this;
        }

        private static int nonNegative(Option<Integer> key, int value) {
            if (value < 0) {
                throw new IllegalArgumentException(key + " must be >= 0, got " + value);
            }
            return value;
        }

        public Builder server(InetSocketAddress server) {
            servers.add(Objects.requireNonNull(server, "server"));
            return this;
        }

        public Builder server(String host, int port) {
            return server(new InetSocketAddress(host, port));
        }

        public Builder timeout(Duration timeout) {
            this.timeout = positive(TIMEOUT, timeout);
            return this;
        }

        public Builder retries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException(RETRIES + " must be >= 0, got " + retries);
            }
            this.retries = retries;
            return this;
        }

        public Builder deadline(Duration deadline) {
            this.deadline = positive(DEADLINE, deadline);
            return this;
        }

        public Builder cacheSize(int cacheSize) {
            if (cacheSize < 0) {
                throw new IllegalArgumentException(CACHE_SIZE + " must be >= 0, got " + cacheSize);
            }
            this.cacheSize = cacheSize;
            return this;
        }

        public Builder cacheMaxTtl(Duration cacheMaxTtl) {
            this.cacheMaxTtl = Objects.requireNonNull(cacheMaxTtl, CACHE_MAX_TTL.name());
            return this;
        }

        public DnsConfig build() {
            if (deadline.compareTo(timeout) < 0) {
                throw new IllegalArgumentException(DEADLINE + " (" + deadline + ") must not be shorter than "
                    + TIMEOUT + " (" + timeout + ")");
            }
            return new DnsConfig(this);
        }

        private static Duration positive(Option<Duration> key, Duration value) {
            if (value == null || value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(key + " must be a positive duration, got " + value);
            }
            return value;
        }
    }
}
