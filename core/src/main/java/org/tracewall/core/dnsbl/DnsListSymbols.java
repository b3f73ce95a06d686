package org.tracewall.core.dnsbl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.tracewall.core.score.KnownSymbol;
import org.tracewall.core.score.Symbol;

/**
 * The scoring symbols of a DNS list verdict: the total, weighed by the summed weights of the lists
 * that answered, and one symbol per list (for combinations). The SMTP hooks and {@code tracewall
 * eval} score lists through these, so both name and weigh them alike.
 */
public final class DnsListSymbols {
    private DnsListSymbols() {
    }

    /** DNSBL, detail the lists; DNSBL_&lt;LIST&gt; per list. */
    public static List<Symbol> ofClient(DnsListVerdict verdict) {
        return symbols(verdict, KnownSymbol.DNSBL, KnownSymbol.DNSBL_LIST_PREFIX, hit -> hit.list().name());
    }

    /** URIBL, detail list:name of each hit; URIBL_&lt;LIST&gt; per list. */
    public static List<Symbol> ofLinks(DnsListVerdict verdict) {
        return symbols(verdict, KnownSymbol.URIBL, KnownSymbol.URIBL_LIST_PREFIX, hit -> hit.list().name() + ":" + hit.queried());
    }

    private static List<Symbol> symbols(DnsListVerdict verdict, KnownSymbol total, String prefix, Function<DnsListHit, String> named) {
        List<Symbol> symbols = new ArrayList<>();
        if (!verdict.hits().isEmpty()) {
            symbols.add(total.symbol(verdict.score(), verdict.hits().stream().map(named).collect(Collectors.joining(" "))));
        }
        for (DnsListHit hit : verdict.hits()) {
            String part = Symbol.namePart(hit.list().name());
            if (!part.isEmpty()) {
                symbols.add(Symbol.of(prefix + part, 1.0, hit.queried()));
            }
        }
        return symbols;
    }
}
