package org.tracewall.core.dns;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import org.tracewall.core.domain.PublicSuffixList;
import org.tracewall.core.net.IpNetwork;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Type;

/**
 * Bounds how many SMTP sessions may wait on uncached DNS-bound checks at once: per client network
 * (IPv4 /24, IPv6 /64), per registrable domain asked about, and in all. James 3.8.1 runs hooks on
 * its network threads and a hook cannot wait asynchronously, so a session whose sender domain never
 * answers holds a thread for up to {@code dns.deadline}. Past a bound the check is not started and
 * the session gets a temporary failure at once, which a real sender retries.
 *
 * <p>Why three bounds and a cache test: one bound on the total alone lets a few attacker addresses
 * fill it and defer everybody. A network bound makes many addresses of one network count as one
 * client; a zone bound stops one slow authority (the attacker's own) from taking the total through
 * many networks; and a check whose domain has answered recently (its records are in the resolver's
 * cache) takes no permit, so senders seen before keep being served even when the total is full.
 *
 * <p>Use: {@code try (Permit p = pending.tryEnter(client, domain).orElse(null)) { if (p == null) defer; check }}.
 * A bound of 0 means none.
 */
public final class PendingLookups {
    private static final int[] WARM_TYPES = {Type.TXT, Type.MX, Type.A};

    private final int perNetwork;
    private final int perZone;
    private final int total;
    private final DnsResolver resolver;
    private final UnaryOperator<String> zoneOf;
    private final ConcurrentMap<IpNetwork, Integer> byNetwork = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Integer> byZone = new ConcurrentHashMap<>();
    private final AtomicInteger all = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    public PendingLookups(int perNetwork, int perZone, int total, DnsResolver resolver, UnaryOperator<String> zoneOf) {
        if (perNetwork < 0 || perZone < 0 || total < 0) {
            throw new IllegalArgumentException("bounds must be >= 0");
        }
        this.perNetwork = perNetwork;
        this.perZone = perZone;
        this.total = total;
        this.resolver = resolver;
        this.zoneOf = zoneOf;
    }

    /** No bounds (tests of one hook, tools). */
    public static PendingLookups unbounded() {
        return new PendingLookups(0, 0, 0, DnsResolver.offline(), UnaryOperator.identity());
    }

    /** The configured bounds; zones are registrable domains by the bundled public suffix list. */
    public static PendingLookups from(DnsConfig config, DnsResolver resolver) {
        PublicSuffixList psl = PublicSuffixList.bundled();
        return new PendingLookups(config.pendingPerNetwork(), config.pendingPerZone(), config.pendingTotal(), resolver,
            domain -> psl.organizationalDomain(domain).orElse(domain));
    }

    /**
     * A permit for a check of {@code client} that asks about {@code domain} (null when the check asks
     * about the client's own address only), or empty when a bound is reached; nothing is counted then.
     * The check needs no permit when the domain (or, for null, the client's reverse name) is in the
     * resolver's cache.
     */
    public Optional<Permit> tryEnter(InetAddress client, String domain) {
        String normalised = domain == null || domain.isEmpty() ? null : domain.toLowerCase(Locale.ROOT);
        if (normalised == null ? resolver.isCached(ReverseMap.fromAddress(client).toString(), Type.PTR) : answeredRecently(normalised)) {
            return Optional.of(Permit.FREE);
        }
        IpNetwork network = IpNetwork.of(client, IpNetwork.isIpv4(client) ? 24 : 64);
        String zone = normalised == null ? null : zoneOf.apply(normalised);
        if (!take(all, total)) {
            return refuse();
        }
        if (!take(byNetwork, network, perNetwork)) {
            all.decrementAndGet();
            return refuse();
        }
        if (zone != null && !take(byZone, zone, perZone)) {
            release(byNetwork, network, perNetwork);
            all.decrementAndGet();
            return refuse();
        }
        return Optional.of(new Permit(this, network, zone));
    }

    /** Checks refused since start because a bound was reached. */
    public int refusedCount() {
        return refused.get();
    }

    /** Sessions holding a permit now (all networks together). */
    public int pendingCount() {
        return all.get();
    }

    private boolean answeredRecently(String domain) {
        for (int type : WARM_TYPES) {
            if (resolver.isCached(domain, type)) {
                return true;
            }
        }
        return false;
    }

    private Optional<Permit> refuse() {
        refused.incrementAndGet();
        return Optional.empty();
    }

    private void exit(IpNetwork network, String zone) {
        if (zone != null) {
            release(byZone, zone, perZone);
        }
        release(byNetwork, network, perNetwork);
        all.decrementAndGet();
    }

    private static boolean take(AtomicInteger counter, int bound) {
        if (counter.incrementAndGet() > bound && bound > 0) {
            counter.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Counts one more for {@code key} unless it is at {@code bound}; atomic per key (compute), so no lost updates. */
    private static <K> boolean take(ConcurrentMap<K, Integer> counts, K key, int bound) {
        if (bound == 0) {
            return true;
        }
        boolean[] taken = {false};
        counts.compute(key, (k, n) -> {
            int current = n == null ? 0 : n;
            if (current >= bound) {
                return n;
            }
            taken[0] = true;
            return current + 1;
        });
        return taken[0];
    }

    /** One less for {@code key}; the entry goes at zero in the same atomic step, so a concurrent take is never lost. */
    private static <K> void release(ConcurrentMap<K, Integer> counts, K key, int bound) {
        if (bound == 0) {
            return;
        }
        counts.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** What {@link #tryEnter} let in; closing it ends the check (a second close does nothing). */
    public static final class Permit implements AutoCloseable {
        static final Permit FREE = new Permit(null, null, null);

        private final PendingLookups owner;
        private final IpNetwork network;
        private final String zone;
        private final AtomicBoolean open = new AtomicBoolean(true);

        private Permit(PendingLookups owner, IpNetwork network, String zone) {
            this.owner = owner;
            this.network = network;
            this.zone = zone;
        }

        @Override
        public void close() {
            if (owner != null && open.compareAndSet(true, false)) {
                owner.exit(network, zone);
            }
        }
    }
}
