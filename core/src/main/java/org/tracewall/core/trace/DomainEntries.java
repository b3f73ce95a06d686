package org.tracewall.core.trace;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.tracewall.core.net.IpNetwork;

/**
 * Entries by domain that cover the domain's subdomains, as the registry and the compensation list
 * (their files and their run-time entries alike) read them: from the name itself up to its parents.
 */
final class DomainEntries {
    private DomainEntries() {
    }

    /** The entry of the name or of its nearest listed parent. */
    static <T> Optional<T> mostSpecific(Map<String, T> entries, String name) {
        String d = name.toLowerCase(Locale.ROOT);
        while (true) {
            T value = entries.get(d);
            if (value != null) {
                return Optional.of(value);
            }
            int dot = d.indexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            d = d.substring(dot + 1);
        }
    }

    /** The first network, from the domain up to its parents, that covers {@code ip}. */
    static Optional<IpNetwork> covering(Map<String, List<IpNetwork>> entries, String domain, InetAddress ip) {
        String d = domain.toLowerCase(Locale.ROOT);
        while (true) {
            for (IpNetwork network : entries.getOrDefault(d, List.of())) {
                if (network.contains(ip)) {
                    return Optional.of(network);
                }
            }
            int dot = d.indexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            d = d.substring(dot + 1);
        }
    }
}
