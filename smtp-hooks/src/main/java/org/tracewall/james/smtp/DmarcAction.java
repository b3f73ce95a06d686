package org.tracewall.james.smtp;

/** What {@link DmarcHook} does with mail whose From domain's DMARC policy says reject or quarantine. */
public enum DmarcAction {
    /** 550 5.7.1 in the session, naming the domain and its policy: no backscatter. */
    REJECT,
    /** Accepted and marked for the quarantine processor ({@code org.tracewall.dmarc.quarantine}). */
    QUARANTINE,
    /** Only the symbol: the scoring decides. */
    SCORE
}
