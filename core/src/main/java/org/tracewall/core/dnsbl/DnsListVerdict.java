package org.tracewall.core.dnsbl;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The hits of all lists for one client (and its domains), their summed weight, and the lists that failed. */
public final class DnsListVerdict {
    private final List<DnsListHit> hits;
    private final List<String> unavailable;

    DnsListVerdict(List<DnsListHit> hits, List<String> unavailable) {
        this.hits = List.copyOf(hits);
        this.unavailable = List.copyOf(unavailable);
    }

    public List<DnsListHit> hits() {
        return hits;
    }

    /** Lists that could not be asked (timeout, SERVFAIL): they count for nothing, never for a reject. */
    public List<String> unavailable() {
        return unavailable;
    }

    public double score() {
        return hits.stream().mapToDouble(h -> h.list().weight()).sum();
    }

    /** The blocking hit with the largest weight, whose message a rejection quotes. */
    public Optional<DnsListHit> strongest() {
        return hits.stream().filter(h -> h.list().weight() > 0).max(Comparator.comparingDouble(h -> h.list().weight()));
    }
}
