package org.tracewall.core.dns;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds how many SMTP sessions may wait on DNS-bound checks at once, per client address and in
 * all. James 3.8.1 runs hooks on its network threads and a hook cannot wait asynchronously, so a
 * session whose sender domain never answers holds a thread for up to {@code dns.deadline}, and
 * every session sharing that thread waits with it. A client that opens many such sessions (or
 * many clients together) must not take all the threads: past either bound the check is not
 * started and the session gets a temporary failure at once, which a real sender retries.
 *
 * <p>Use: {@code if (!pending.tryEnter(client)) defer; try { check } finally { pending.exit(client); }}.
 * A bound of 0 means none.
 */
public final class PendingLookups {
    private final int perClient;
    private final int total;
    private final ConcurrentMap<String, AtomicInteger> byClient = new ConcurrentHashMap<>();
    private final AtomicInteger all = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    public PendingLookups(int perClient, int total) {
        if (perClient < 0 || total < 0) {
            throw new IllegalArgumentException("bounds must be >= 0");
        }
        this.perClient = perClient;
        this.total = total;
    }

    /** No bounds (tests of one hook, tools). */
    public static PendingLookups unbounded() {
        return new PendingLookups(0, 0);
    }

    public static PendingLookups from(DnsConfig config) {
        return new PendingLookups(config.pendingPerClient(), config.pendingTotal());
    }

    /** Counts a check of {@code client} as pending, unless a bound is reached (then nothing is counted). */
    public boolean tryEnter(String client) {
        if (total > 0 && all.incrementAndGet() > total) {
            all.decrementAndGet();
            refused.incrementAndGet();
            return false;
        }
        if (perClient > 0) {
            AtomicInteger count = byClient.computeIfAbsent(client, c -> new AtomicInteger());
            if (count.incrementAndGet() > perClient) {
                leave(client, count);
                if (total > 0) {
                    all.decrementAndGet();
                }
                refused.incrementAndGet();
                return false;
            }
        }
        return true;
    }

    /** Ends a check that {@link #tryEnter} let in. */
    public void exit(String client) {
        if (perClient > 0) {
            AtomicInteger count = byClient.get(client);
            if (count != null) {
                leave(client, count);
            }
        }
        if (total > 0) {
            all.decrementAndGet();
        }
    }

    /** Checks refused since start because a bound was reached. */
    public int refusedCount() {
        return refused.get();
    }

    private void leave(String client, AtomicInteger count) {
        if (count.decrementAndGet() <= 0) {
            byClient.remove(client, count);
        }
    }
}
