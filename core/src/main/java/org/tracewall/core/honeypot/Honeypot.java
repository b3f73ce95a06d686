package org.tracewall.core.honeypot;

import java.net.InetAddress;

import org.tracewall.core.net.IpAddresses;
import org.tracewall.core.store.StateStore;

/**
 * What the trap addresses teach, in the state store so that every node learns it: a client that
 * wrote to a trap is remembered for {@code honeypot.clientMemory}. (The print of the trapped text
 * is reported as spam by the caller, which has the text.) Methods may throw
 * {@code StoreUnavailableException}: callers fail open.
 */
public final class Honeypot {
    private static final String CLIENT = "tracewall:honeypot:client:";

    private final HoneypotConfig config;
    private final StateStore store;

    public Honeypot(HoneypotConfig config, StateStore store) {
        this.config = config;
        this.store = store;
    }

    public HoneypotConfig config() {
        return config;
    }

    public boolean isTrap(String address) {
        return config.isTrap(address);
    }

    /** A client wrote to a trap. */
    public void trapped(InetAddress client) {
        store.put(CLIENT + IpAddresses.readable(client), "trapped", config.clientMemory());
    }

    /** Whether the client wrote to a trap within honeypot.clientMemory. */
    public boolean wasTrapped(InetAddress client) {
        return store.get(CLIENT + IpAddresses.readable(client)).isPresent();
    }
}
