package org.tracewall.core.dnsbl;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The hits of all lists for one client (and its domains), their summed weight, and the lists that failed. */
public final class DnsListVerdict {
    private final List<DnsListHit> hits;
    private final List<DnsList> unavailable;
    private final List<String> errorAnswers;

    DnsListVerdict(List<DnsListHit> hits, List<DnsList> unavailable, List<String> errorAnswers) {
        this.hits = List.copyOf(hits);
        this.unavailable = List.copyOf(unavailable);
        this.errorAnswers = List.copyOf(errorAnswers);
    }

    public List<DnsListHit> hits() {
        return hits;
    }

    /** Lists that could not be asked (timeout, SERVFAIL): they count for nothing, never for a reject. */
    public List<String> unavailable() {
        return unavailable.stream().map(DnsList::zone).distinct().collect(Collectors.toList());
    }

    /**
     * The answers that were a list's error code (127.255.255.x) rather than a listing, described
     * ("zen.test answered 127.255.255.254 for 192.0.2.5: the list refuses this resolver ..."): they
     * count for nothing, and say that the list is not working for this server.
     */
    public List<String> errorAnswers() {
        return errorAnswers;
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
