package org.tracewall.core.audit;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.tracewall.core.dnsbl.DnsListChecker;
import org.tracewall.core.dnsbl.DnsListHit;
import org.tracewall.core.dnsbl.DnsListVerdict;
import org.tracewall.core.helo.HeloPtrChecker;
import org.tracewall.core.helo.HeloPtrResult;
import org.tracewall.core.helo.HeloPtrVerdict;
import org.tracewall.core.spf.SpfEvaluator;
import org.tracewall.core.spf.SpfResult;
import org.tracewall.core.spf.SpfVerdict;
import org.tracewall.core.trace.TraceRequest;
import org.tracewall.core.trace.TraceResult;
import org.tracewall.core.trace.TraceVerdict;
import org.tracewall.core.trace.TraceabilityChecker;

/**
 * Our own outgoing mail as the world's receivers see it (blacklist monitoring and server
 * audit): is the sending address on a block list, does it have a forward-confirmed PTR that the
 * HELO matches, does the domain's SPF pass it, and would a traceability check like ours trace it.
 * Each shortfall becomes one readable problem; run it from cron against every outgoing address.
 */
public final class SenderAudit {
    private final Supplier<DnsListChecker> lists;
    private final HeloPtrChecker reverseDns;
    private final SpfEvaluator spf;
    private final TraceabilityChecker traceability;

    public SenderAudit(DnsListChecker lists, HeloPtrChecker reverseDns, SpfEvaluator spf, TraceabilityChecker traceability) {
        this(() -> lists, reverseDns, spf, traceability);
    }

    /** @param lists the DNS lists in effect at each audit (they change at run time) */
    public SenderAudit(Supplier<DnsListChecker> lists, HeloPtrChecker reverseDns, SpfEvaluator spf, TraceabilityChecker traceability) {
        this.lists = lists;
        this.reverseDns = reverseDns;
        this.spf = spf;
        this.traceability = traceability;
    }

    /**
     * @param ip     an address the server sends from
     * @param domain a domain it sends for (its SPF is checked)
     * @param helo   the name it greets with
     */
    public AuditReport audit(InetAddress ip, String domain, String helo) {
        String sender = "postmaster@" + domain.toLowerCase(Locale.ROOT);
        DnsListVerdict listed = lists.get().check(ip, List.of(domain, helo));
        HeloPtrVerdict names = reverseDns.check(ip, helo);
        SpfVerdict spfVerdict = spf.checkMailFrom(ip, sender, helo);
        TraceVerdict traced = traceability.check(new TraceRequest(ip, helo, sender, null));
        List<String> problems = new ArrayList<>();
        for (DnsListHit hit : listed.hits()) {
            if (hit.list().weight() > 0) {
                problems.add(hit.queried() + " is listed on " + hit.list().name() + " (" + String.join(", ", hit.codes()) + ")");
            }
        }
        listed.unavailable().forEach(list -> problems.add(list + " did not answer: listing unknown"));
        listed.errorAnswers().forEach(problems::add);
        for (HeloPtrResult finding : names.findings()) {
            problems.add(describe(finding, ip, helo));
        }
        if (spfVerdict.result() != SpfResult.PASS) {
            problems.add("SPF of " + domain + " gives " + spfVerdict.result().code() + " for " + ip.getHostAddress()
                + " (" + spfVerdict.detail() + ")");
        }
        if (traced.result() != TraceResult.TRACEABLE) {
            problems.add("not traceable to " + domain + ": " + traced.result().code() + " (" + traced.reason().code() + ")");
        }
        return new AuditReport(ip.getHostAddress(), domain, helo, listed, names, spfVerdict, traced, problems);
    }

    private static String describe(HeloPtrResult finding, InetAddress ip, String helo) {
        switch (finding) {
            case NO_PTR:
                return ip.getHostAddress() + " has no PTR record";
            case PTR_NOT_CONFIRMED:
                return "no PTR name of " + ip.getHostAddress() + " resolves back to it";
            case HELO_PTR_MISMATCH:
                return "HELO " + helo + " is not the forward-confirmed PTR name of " + ip.getHostAddress();
            case HELO_NOT_FQDN:
                return "HELO " + helo + " is not a fully qualified domain name";
            case HELO_UNRESOLVABLE:
                return "HELO " + helo + " does not resolve";
            default:
                return "HELO " + helo + ": " + finding.name();
        }
    }
}
