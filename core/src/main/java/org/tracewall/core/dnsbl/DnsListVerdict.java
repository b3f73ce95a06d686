package org.tracewall.core.dnsbl;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The hits of all lists for one client (and its domains), their summed weight, and the lists that failed. */
public final class DnsListVerdict {
    private final List<DnsListHit> hits;
    private final List<DnsList> unavailable;

    DnsListVerdict(List<DnsListHit> hits, List<DnsList> unavailable) {
        this.hits = List.copyOf(hits);
        this.unavailable = List.copyOf(unavailable);
    }

    public List<DnsListHit> hits() {
        return hits;
    }

    /** Lists that could not be asked (timeout, SERVFAIL): they count for nothing, never for a reject. */
    public List<String> unavailable() {
        return unavailable.stream().map(DnsList::zone).distinct().collect(Collectors.toList());
    }

    /**
     * True when a vouching list (negative weight) could not be asked: a block decided without it
     * would let DNS trouble cause a reject, so the caller must defer instead.
     */
    public boolean missingVouch() {
        return unavailable.stream().anyMatch(list -> list.weight() < 0);
    }

    public double score() {
        return hits.stream().mapToDouble(h -> h.list().weight()).sum();
    }

    /** The blocking hit with the largest weight, whose message a rejection quotes. */
    public Optional<DnsListHit> strongest() {
        return hits.stream().filter(h -> h.list().weight() > 0).max(Comparator.comparingDouble(h -> h.list().weight()));
    }
}
