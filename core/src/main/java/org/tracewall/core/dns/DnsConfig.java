package org.tracewall.core.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.tracewall.core.config.ConfigValues;
import org.xbill.DNS.ResolverConfig;

/**
 * Validated, immutable resolver settings. Timeouts nest: one attempt to one server
 * ({@code timeout}) &lt; all attempts and retries &lt; the whole lookup ({@code deadline}), so a
 * dead server costs at most {@code deadline} and then reads as a temporary failure.
 */
public final class DnsConfig {
    public static final String SERVERS = "dns.servers";
    public static final String TIMEOUT = "dns.timeout";
    public static final String RETRIES = "dns.retries";
    public static final String DEADLINE = "dns.deadline";
    public static final String CACHE_SIZE = "dns.cache.size";
    public static final String CACHE_MAX_TTL = "dns.cache.maxTtl";
    public static final String PENDING_PER_NETWORK = "dns.pendingPerNetwork";
    public static final String PENDING_PER_ZONE = "dns.pendingPerZone";
    public static final String PENDING_TOTAL = "dns.pendingTotal";

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
        Set<String> known = Set.of(SERVERS, TIMEOUT, RETRIES, DEADLINE, CACHE_SIZE, CACHE_MAX_TTL,
            PENDING_PER_NETWORK, PENDING_PER_ZONE, PENDING_TOTAL);
        for (String key : properties.keySet()) {
            if (key.startsWith("dns.") && !known.contains(key)) {
                throw new IllegalArgumentException("Unknown key '" + key + "' (known: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
        Builder b = builder();
        String servers = properties.get(SERVERS);
        if (servers != null && !servers.isBlank()) {
            for (String server : servers.split("[,\\s]+")) {
                if (!server.isEmpty()) {
                    b.server(ConfigValues.hostAndPort(SERVERS, server, 53));
                }
            }
        }
        ConfigValues.ifPresent(properties, TIMEOUT, v -> b.timeout(ConfigValues.duration(TIMEOUT, v)));
        ConfigValues.ifPresent(properties, RETRIES, v -> b.retries(ConfigValues.intInRange(RETRIES, v, 0, 10)));
        ConfigValues.ifPresent(properties, DEADLINE, v -> b.deadline(ConfigValues.duration(DEADLINE, v)));
        ConfigValues.ifPresent(properties, CACHE_SIZE,
            v -> b.cacheSize(ConfigValues.intInRange(CACHE_SIZE, v, 0, 10_000_000)));
        ConfigValues.ifPresent(properties, CACHE_MAX_TTL,
            v -> b.cacheMaxTtl(ConfigValues.duration(CACHE_MAX_TTL, v)));
        ConfigValues.ifPresent(properties, PENDING_PER_NETWORK,
            v -> b.pendingPerNetwork(ConfigValues.intInRange(PENDING_PER_NETWORK, v, 0, 100_000)));
        ConfigValues.ifPresent(properties, PENDING_PER_ZONE,
            v -> b.pendingPerZone(ConfigValues.intInRange(PENDING_PER_ZONE, v, 0, 100_000)));
        ConfigValues.ifPresent(properties, PENDING_TOTAL,
            v -> b.pendingTotal(ConfigValues.intInRange(PENDING_TOTAL, v, 0, 100_000)));
        return b.build();
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
        private Duration timeout = Duration.ofSeconds(2);
        private int retries = 1;
        private Duration deadline = Duration.ofSeconds(6);
        private int cacheSize = 10_000;
        private Duration cacheMaxTtl = Duration.ofHours(1);
        private int pendingPerNetwork = 4;
        private int pendingPerZone = 4;
        private int pendingTotal = 16;

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

        private static int nonNegative(String key, int value) {
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
            this.cacheMaxTtl = Objects.requireNonNull(cacheMaxTtl, CACHE_MAX_TTL);
            return this;
        }

        public DnsConfig build() {
            if (deadline.compareTo(timeout) < 0) {
                throw new IllegalArgumentException(DEADLINE + " (" + deadline + ") must not be shorter than "
                    + TIMEOUT + " (" + timeout + ")");
            }
            return new DnsConfig(this);
        }

        private static Duration positive(String key, Duration value) {
            if (value == null || value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(key + " must be a positive duration, got " + value);
            }
            return value;
        }
    }
}
