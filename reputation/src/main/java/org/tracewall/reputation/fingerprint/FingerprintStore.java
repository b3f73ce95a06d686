package org.tracewall.reputation.fingerprint;

import java.util.Map;

import org.tracewall.core.store.StateStore;

/**
 * What the nodes know about prints, in the state store (memory, embedded file, or Redis shared by
 * several nodes): how many recipients the copies of a print reached in the window (one windowed
 * counter per band), and the prints reported as spam (one counter map, band to reports, so that a
 * check is one read). Every method may throw {@code StoreUnavailableException}: callers then give
 * no symbol (fail open).
 */
public final class FingerprintStore {
    static final String KNOWN_SPAM = "tracewall:fp:spam";
    private static final String RECIPIENTS = "tracewall:fp:rcpts:";

    private final StateStore store;
    private final FingerprintConfig config;

    public FingerprintStore(StateStore store, FingerprintConfig config) {
        this.store = store;
        this.config = config;
    }

    /** Counts a delivery of the print to {@code recipients}; answers the most recipients any of its bands reached in the window. */
    public long countDelivery(Fingerprint print, int recipients) {
        long most = 0;
        for (String band : print.bands()) {
            most = Math.max(most, store.increment(RECIPIENTS + band, Math.max(1, recipients), config.window()));
        }
        return most;
    }

    /** Whether the copies of the print reached {@code fingerprint.bulkRecipients} recipients. */
    public boolean isBulk(long recipients) {
        return recipients >= config.bulkRecipients();
    }

    /** Whether a band of the print was reported as spam (and not withdrawn as often). */
    public boolean isKnownSpam(Fingerprint print) {
        Map<String, Long> reports = store.counters(KNOWN_SPAM, print.bands());
        return reports.values().stream().anyMatch(count -> count > 0);
    }

    /** A spam report (feedback address, operator, honeypot): the print's bands become known spam. */
    public void reportSpam(Fingerprint print) {
        store.addToCounters(KNOWN_SPAM, print.bands(), 1);
    }

    /** A ham report of a text reported as spam before: takes one report back. */
    public void withdrawSpam(Fingerprint print) {
        if (isKnownSpam(print)) {
            store.addToCounters(KNOWN_SPAM, print.bands(), -1);
        }
    }
}
