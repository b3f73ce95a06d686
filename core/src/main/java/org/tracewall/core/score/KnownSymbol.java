package org.tracewall.core.score;

import org.tracewall.core.helo.HeloPtrResult;
import org.tracewall.core.trace.TraceResult;

/**
 * The symbols Tracewall's own checks emit, each with its default weight beside its name, as
 * rspamd keeps a symbol's name and score together. The checks emit these constants, never
 * strings, so that a misspelt name cannot score 0 in silence; {@code score.weight.<NAME>}
 * overrides a weight. Symbols an operator names (content rules, combinations, per-list
 * {@code DNSBL_<LIST>}) are not here: their names come from the configuration.
 */
public enum KnownSymbol {
    /** The client is traced to the MAIL FROM domain: a little trust. */
    TRACE_TRACEABLE(-2.0),
    /** Traceability could not decide (no SPF, no neighbourhood either way). */
    TRACE_UNKNOWN(1.0),
    /** The client cannot be traced to the domain it claims: the most suspicion. */
    TRACE_UNTRACEABLE(5.0),
    /** A DNS failure kept traceability from deciding (the session answered 4xx or went on). */
    TRACE_TEMPERROR(0.0),
    /** The client is on DNS lists; its factor is the summed {@code dnsbl.*} weights of the lists that answered. */
    DNSBL(5.0),
    HELO_NOT_FQDN(1.5),
    HELO_UNRESOLVABLE(1.5),
    HELO_LITERAL_MISMATCH(3.0),
    NO_PTR(1.5),
    PTR_NOT_CONFIRMED(1.0),
    HELO_PTR_MISMATCH(0.5),
    /** An access-db {@code Spam:} entry makes every recipient a spam friend. */
    ACCESS_SPAM_FRIEND(-10.0),
    /** An access-db {@code Spam:} HATER entry: the spam checks apply (no weight of its own). */
    ACCESS_SPAM_HATER(0.0),
    /** ClamAV found a virus (quarantine mode); the factor is 1, the detail the signature. */
    VIRUS(100.0),
    /** The copies of this text reached {@code fingerprint.bulkRecipients} recipients in the window (a campaign). */
    BULK(2.0),
    /** A feature of the mail (address, network, domain, HELO, link, cluster) has a bad learned reputation; the factor is its score. */
    REPUTATION_BAD(4.0),
    /** The mail's worst-known feature is still good: the factor is how good (its score negated). */
    REPUTATION_GOOD(-2.0),
    /** A traced sender the local recipient wrote to (auto-whitelist): content that would be tagged is let through. */
    AUTO_WHITELIST(-5.0),
    /** The client wrote to a trap address within {@code honeypot.clientMemory}. */
    HONEYPOT_CLIENT(5.0),
    /** The text's print was reported as spam (feedback address, operator, honeypot). */
    FUZZY_SPAM(8.0),
    /** A link of the message is on URL lists; the factor is the summed weights of the lists that answered. */
    URIBL(4.0),
    /** Bayes: the factor is 2p - 1, how far the spam probability is from 0.5, signed. */
    BAYES(6.0),
    /** At least one DKIM signature verified (any domain; the detail names them). */
    DKIM_VALID(-0.5),
    /** A DKIM signature did not verify (altered in transit, or forged). */
    DKIM_INVALID(1.0),
    /** A DKIM key could not be fetched now: no verdict, no weight. */
    DKIM_TEMPFAIL(0.0),
    /** DMARC passed: a verified DKIM signature or an SPF pass aligned with the From domain. */
    DMARC_ALIGNED(-1.0),
    /** DMARC failed and the From domain asks for rejection (after pct=). */
    DMARC_POLICY_REJECT(6.0),
    /** DMARC failed and the From domain asks for quarantine (after pct=). */
    DMARC_POLICY_QUARANTINE(3.0),
    /** DMARC failed and the From domain publishes p=none: it only monitors. */
    DMARC_POLICY_NONE(0.5);

    /** The prefix of the per-list symbols of DNS lists, {@code DNSBL_<LIST>}, for combinations. */
    public static final String DNSBL_LIST_PREFIX = "DNSBL_";
    /** The prefix of the per-list symbols of URL lists, {@code URIBL_<LIST>}, for combinations. */
    public static final String URIBL_LIST_PREFIX = "URIBL_";

    private final double defaultWeight;

    KnownSymbol(double defaultWeight) {
        this.defaultWeight = defaultWeight;
    }

    public double defaultWeight() {
        return defaultWeight;
    }

    /** The symbol with factor 1 and no detail. */
    public Symbol symbol() {
        return Symbol.of(name());
    }

    public Symbol symbol(double factor, String detail) {
        return Symbol.of(name(), factor, detail);
    }

    /** {@code TRACE_TRACEABLE} ... for a traceability result. */
    public static KnownSymbol of(TraceResult result) {
        return valueOf("TRACE_" + result.name());
    }

    /** The symbol of a HELO/PTR finding, which has the finding's name. */
    public static KnownSymbol of(HeloPtrResult finding) {
        return valueOf(finding.name());
    }
}
