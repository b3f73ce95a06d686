package org.tracewall.core.dnsbl;

import java.util.List;
import java.util.Objects;

/** A list that answered with a counting code for the queried address or domain. */
public final class DnsListHit {
    private final DnsList list;
    private final String queried;
    private final List<String> codes;

    DnsListHit(DnsList list, String queried, List<String> codes) {
        this.list = Objects.requireNonNull(list);
        this.queried = Objects.requireNonNull(queried);
        this.codes = List.copyOf(codes);
    }

    public DnsList list() {
        return list;
    }

    /** The address or domain that is listed. */
    public String queried() {
        return queried;
    }

    public List<String> codes() {
        return codes;
    }

    @Override
    public String toString() {
        return list.name() + " (" + list.zone() + ") " + queried + " " + codes;
    }
}
