package org.tracewall.core.dmarc;

import java.util.Locale;
import java.util.Optional;

import org.tracewall.core.dkim.TagList;

/**
 * A DMARC record (RFC 7489 section 6.3): v=DMARC1 first, p=, and what Tracewall acts on: sp=
 * for subdomains, pct= sampling, adkim=/aspf= alignment modes. Reporting tags are read past.
 */
public final class DmarcRecord {
    private final DmarcPolicy policy;
    private final DmarcPolicy subdomainPolicy;
    private final int percent;
    private final boolean strictDkim;
    private final boolean strictSpf;

    private DmarcRecord(DmarcPolicy policy, DmarcPolicy subdomainPolicy, int percent, boolean strictDkim, boolean strictSpf) {
        this.policy = policy;
        this.subdomainPolicy = subdomainPolicy;
        this.percent = percent;
        this.strictDkim = strictDkim;
        this.strictSpf = strictSpf;
    }

    /** Whether a TXT record at _dmarc is a DMARC record at all (others there are ignored). */
    static boolean isDmarc(String txt) {
        return txt.trim().matches("(?i)v\\s*=\\s*DMARC1\\s*(;.*)?");
    }

    /**
     * @throws IllegalArgumentException naming what makes the record unusable
     */
    static DmarcRecord parse(String txt) {
        TagList tags = TagList.parse(txt);
        if (!tags.names().iterator().next().equals("v")) {
            throw new IllegalArgumentException("v= is not the first tag");
        }
        // RFC 7489 section 6.6.3: a missing or bad p= with a rua= still means p=none.
        Optional<DmarcPolicy> p = tags.get("p").flatMap(DmarcPolicy::parse);
        if (p.isEmpty() && tags.get("rua").isEmpty()) {
            throw new IllegalArgumentException("no valid p= (" + tags.get("p").orElse("missing") + ")");
        }
        DmarcPolicy policy = p.orElse(DmarcPolicy.NONE);
        DmarcPolicy subdomainPolicy = tags.get("sp").flatMap(DmarcPolicy::parse).orElse(policy);
        return new DmarcRecord(policy, subdomainPolicy, percent(tags), strict(tags, "adkim"), strict(tags, "aspf"));
    }

    private static int percent(TagList tags) {
        String value = tags.get("pct").orElse("100").trim();
        if (!value.matches("[0-9]{1,3}") || Integer.parseInt(value) > 100) {
            return 100;
        }
        return Integer.parseInt(value);
    }

    private static boolean strict(TagList tags, String name) {
        return tags.get(name).map(v -> v.trim().toLowerCase(Locale.ROOT).equals("s")).orElse(false);
    }

    public DmarcPolicy policy() {
        return policy;
    }

    public DmarcPolicy subdomainPolicy() {
        return subdomainPolicy;
    }

    public int percent() {
        return percent;
    }

    public boolean strictDkim() {
        return strictDkim;
    }

    public boolean strictSpf() {
        return strictSpf;
    }
}
