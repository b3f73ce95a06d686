package org.tracewall.core.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tracewall.core.dnsbl.DnsListHit;
import org.tracewall.core.dnsbl.DnsListVerdict;
import org.tracewall.core.helo.HeloPtrVerdict;
import org.tracewall.core.spf.SpfVerdict;
import org.tracewall.core.trace.TraceVerdict;

/** What {@link SenderAudit} found for one sending address and domain: the checks, and the problems in words. */
public final class AuditReport {
    private final String ip;
    private final String domain;
    private final String helo;
    private final DnsListVerdict lists;
    private final HeloPtrVerdict reverseDns;
    private final SpfVerdict spf;
    private final TraceVerdict traceability;
    private final List<String> problems;

    AuditReport(String ip, String domain, String helo, DnsListVerdict lists, HeloPtrVerdict reverseDns, SpfVerdict spf,
                TraceVerdict traceability, List<String> problems) {
        this.ip = ip;
        this.domain = domain;
        this.helo = helo;
        this.lists = lists;
        this.reverseDns = reverseDns;
        this.spf = spf;
        this.traceability = traceability;
        this.problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    public List<String> problems() {
        return problems;
    }

    /** A JSON-ready map (strings, booleans, lists and maps only). */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("ip", ip);
        map.put("domain", domain);
        map.put("helo", helo);
        map.put("ok", ok());
        map.put("problems", problems);
        List<Map<String, Object>> hits = new ArrayList<>();
        for (DnsListHit hit : lists.hits()) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("list", hit.list().name());
            h.put("queried", hit.queried());
            h.put("codes", hit.codes());
            h.put("weight", hit.list().weight());
            hits.add(h);
        }
        map.put("dnsLists", Map.of("hits", hits, "unavailable", lists.unavailable()));
        Map<String, Object> names = new LinkedHashMap<>();
        names.put("confirmedPtr", reverseDns.confirmedPtr().orElse(""));
        List<String> findings = new ArrayList<>();
        reverseDns.findings().forEach(f -> findings.add(f.name()));
        names.put("findings", findings);
        map.put("reverseDns", names);
        map.put("spf", Map.of("result", spf.result().code(), "detail", spf.detail()));
        map.put("traceability", Map.of("result", traceability.result().code(), "reason", traceability.reason().code()));
        return map;
    }
}
