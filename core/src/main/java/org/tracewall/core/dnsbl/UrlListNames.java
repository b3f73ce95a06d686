package org.tracewall.core.dnsbl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.tracewall.core.domain.PublicSuffixList;

/**
 * What URL block lists are asked about the links of a message: each host reduced to its
 * registrable domain with the public suffix list ({@code a.b.shop.example.co.uk} to
 * {@code example.co.uk}: the lists list what a spammer registers, and every subdomain of it is
 * theirs), IPv4 addresses as they are, duplicates dropped, at most {@code max} in order of
 * appearance. A host that is itself a public suffix is not asked about.
 */
public final class UrlListNames {
    private UrlListNames() {
    }

    public static List<String> of(List<String> hosts, PublicSuffixList psl, int max) {
        Set<String> names = new LinkedHashSet<>();
        for (String host : hosts) {
            if (names.size() >= max) {
                break;
            }
            Optional<String> name = isIpv4(host) ? Optional.of(host) : psl.organizationalDomain(host);
            name.ifPresent(names::add);
        }
        return new ArrayList<>(names);
    }

    static boolean isIpv4(String name) {
        return name.matches("[0-9]{1,3}(?:\\.[0-9]{1,3}){3}");
    }
}
