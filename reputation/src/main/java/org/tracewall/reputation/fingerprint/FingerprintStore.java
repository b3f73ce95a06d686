package org.tracewall.reputation.fingerprint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tracewall.core.score.KnownSymbol;
import org.tracewall.core.score.Symbol;
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

    /**
     * Counts a delivery and names what it shows: BULK (detail: the recipients the copies reached)
     * once they reach {@code fingerprint.bulkRecipients}, FUZZY_SPAM for a print reported as spam.
     */
    public List<Symbol> symbols(Fingerprint print, int recipients) {
        List<Symbol> symbols = new ArrayList<>();
        long reached = countDelivery(print, recipients);
        if (isBulk(reached)) {
            symbols.add(KnownSymbol.BULK.symbol(1.0, reached + " recipients"));
        }
        if (isKnownSpam(print)) {
            symbols.add(KnownSymbol.FUZZY_SPAM.symbol());
        }
        return symbols;
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
