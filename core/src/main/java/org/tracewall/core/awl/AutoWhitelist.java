package org.tracewall.core.awl;

import java.util.Locale;

import org.tracewall.core.store.StateStore;

/**
 * The auto-whitelist: the addresses a local user sent authenticated mail to become trusted senders
 * for that user (not for anyone else), for {@code awl.lifetime} after the last such mail, in the
 * state store so that every node knows them. Methods may throw {@code StoreUnavailableException}:
 * callers then trust nobody (fail closed: the checks run as for anyone).
 */
public final class AutoWhitelist {
    private static final String KEY = "tracewall:awl:";

    private final AutoWhitelistConfig config;
    private final StateStore store;

    public AutoWhitelist(AutoWhitelistConfig config, StateStore store) {
        this.config = config;
        this.store = store;
    }

    /** {@code localUser} sent mail to {@code correspondent}: trusted, or trusted again for the whole lifetime. */
    public void remember(String localUser, String correspondent) {
        store.put(key(localUser, correspondent), "sent", config.lifetime());
    }

    /** Whether {@code localUser} wrote to {@code sender} within the lifetime. */
    public boolean trusts(String localUser, String sender) {
        return store.get(key(localUser, sender)).isPresent();
    }

    private static String key(String localUser, String correspondent) {
        return KEY + localUser.toLowerCase(Locale.ROOT) + "|" + correspondent.toLowerCase(Locale.ROOT);
    }
}
