package org.tracewall.core.dmarc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.tracewall.core.dkim.DkimResult;
import org.tracewall.core.dkim.HeaderField;
import org.tracewall.core.dkim.RawMessage;
import org.tracewall.core.dns.DnsAnswer;
import org.tracewall.core.dns.DnsResolver;
import org.tracewall.core.domain.PublicSuffixList;
import org.tracewall.core.trace.DisplayedAddresses;

/**
 * DMARC (RFC 7489): the author domain of the single From, policy discovery at _dmarc of that
 * domain and then of its organizational domain (the public suffix list), DKIM and SPF alignment
 * (relaxed: same organizational domain; strict: the same name), sp= for subdomains and pct=
 * sampling. A DKIM pass from a testing key (t=y) does not align: RFC 6376 wants it treated as
 * unsigned. DNS that cannot answer now is a temperror, never a fail.
 */
public final class DmarcEvaluator {
    private final DnsResolver dns;
    private final PublicSuffixList psl;

    public DmarcEvaluator(DnsResolver dns, PublicSuffixList psl) {
        this.dns = dns;
        this.psl = psl;
    }

    /**
     * @param spfPassDomain the domain SPF passed for (MAIL FROM, or HELO for the null sender); empty unless SPF passed
     * @param dkim the message's DKIM results
     */
    public DmarcResult evaluate(RawMessage message, Optional<String> spfPassDomain, List<DkimResult> dkim) {
        List<String> fromValues = new ArrayList<>();
        for (HeaderField from : message.fields("From")) {
            fromValues.add(from.value());
        }
        if (fromValues.isEmpty()) {
            return DmarcResult.withoutPolicy(DmarcResult.Status.NONE, "", "no From header");
        }
        DisplayedAddresses authors = DisplayedAddresses.read(fromValues, List.of());
        if (authors.problem().isPresent()) {
            return DmarcResult.withoutPolicy(DmarcResult.Status.PERMERROR, "", authors.problem().get());
        }
        Set<String> domains = new LinkedHashSet<>();
        for (String address : authors.from()) {
            domains.add(DisplayedAddresses.normaliseDomain(address.substring(address.lastIndexOf('@') + 1)));
        }
        if (domains.size() != 1) {
            return DmarcResult.withoutPolicy(DmarcResult.Status.PERMERROR, "", "From has addresses of several domains " + domains);
        }
        String from = domains.iterator().next();
        return evaluate(message, from, spfPassDomain, dkim);
    }

    private DmarcResult evaluate(RawMessage message, String from, Optional<String> spfPassDomain, List<DkimResult> dkim) {
        String organizational = organizational(from);
        Discovery discovery = discover(from, false);
        if (discovery.problem == null && discovery.record == null && !organizational.equals(from)) {
            discovery = discover(organizational, true);
        }
        if (discovery.problem != null) {
            return DmarcResult.withoutPolicy(discovery.problem, from, discovery.reason);
        }
        if (discovery.record == null) {
            return DmarcResult.withoutPolicy(DmarcResult.Status.NONE, from, discovery.reason);
        }
        DmarcRecord record = discovery.record;
        boolean dkimAligned = dkim.stream().anyMatch(r -> r.isPass() && !r.testing() && aligned(r.domain(), from, record.strictDkim()));
        boolean spfAligned = spfPassDomain.map(d -> aligned(d, from, record.strictSpf())).orElse(false);
        DmarcPolicy published = discovery.atOrganizationalDomain ? record.subdomainPolicy() : record.policy();
        if (dkimAligned || spfAligned) {
            return new DmarcResult(DmarcResult.Status.PASS, from, published, DmarcPolicy.NONE, dkimAligned, spfAligned,
                (dkimAligned ? "DKIM" : "SPF") + " aligned with " + from);
        }
        boolean sampled = record.percent() == 100 || Math.floorMod(sampleKey(message).hashCode(), 100) < record.percent();
        DmarcPolicy disposition = sampled ? published : published.lessStrict();
        return new DmarcResult(DmarcResult.Status.FAIL, from, published, disposition, false, false,
            "neither DKIM nor SPF aligned with " + from + (sampled ? "" : " (outside pct=" + record.percent() + ")"));
    }

    private String organizational(String domain) {
        return psl.organizationalDomain(domain).orElse(domain);
    }

    private boolean aligned(String identifier, String from, boolean strict) {
        String id = DisplayedAddresses.normaliseDomain(identifier);
        return strict ? id.equals(from) : organizational(id).equals(organizational(from));
    }

    /** Which mail falls in a pct= sample: the same message always does, or never. */
    private static String sampleKey(RawMessage message) {
        List<HeaderField> ids = message.fields("Message-ID");
        return ids.isEmpty() ? new String(message.bytes(), 0, Math.min(message.bodyStart(), 4096), StandardCharsets.ISO_8859_1)
            : ids.get(0).value().trim();
    }

    private Discovery discover(String domain, boolean organizational) {
        DnsAnswer<String> answer = dns.txt("_dmarc." + domain);
        if (answer.isTemporaryFailure()) {
            return new Discovery(null, DmarcResult.Status.TEMPERROR, "DMARC lookup for " + domain + " failed: " + answer.reason(),
                organizational);
        }
        List<String> records = new ArrayList<>();
        for (String txt : answer.records()) {
            if (DmarcRecord.isDmarc(txt)) {
                records.add(txt);
            }
        }
        if (records.size() != 1) {
            String reason = records.isEmpty() ? "no DMARC record for " + domain : "several DMARC records at _dmarc." + domain;
            return new Discovery(null, null, reason, organizational);
        }
        try {
            return new Discovery(DmarcRecord.parse(records.get(0)), null, "", organizational);
        } catch (IllegalArgumentException e) {
            return new Discovery(null, DmarcResult.Status.PERMERROR, "invalid DMARC record at _dmarc." + domain + ": " + e.getMessage(),
                organizational);
        }
    }

    /** What one _dmarc name gave: a record, nothing (reason), or a problem. */
    private static final class Discovery {
        final DmarcRecord record;
        final DmarcResult.Status problem;
        final String reason;
        final boolean atOrganizationalDomain;

        Discovery(DmarcRecord record, DmarcResult.Status problem, String reason, boolean atOrganizationalDomain) {
            this.record = record;
            this.problem = problem;
            this.reason = reason;
            this.atOrganizationalDomain = atOrganizationalDomain;
        }
    }
}
