package org.tracewall.core.dns;

/**
 * How a DNS question ended. The distinction matters: a check may only turn a permanent,
 * authoritative answer ({@link #NO_SUCH_NAME}, {@link #NO_DATA}) into a verdict; a
 * {@link #TEMPORARY_FAILURE} must become an SMTP 4xx, never a reject.
 */
public enum DnsStatus {
    /** The name exists and has records of the asked type. */
    OK,
    /** NXDOMAIN: the name does not exist. */
    NO_SUCH_NAME,
    /** The name exists but has no records of the asked type (NODATA). */
    NO_DATA,
    /** Timeout, SERVFAIL, network error: asking again later may succeed. */
    TEMPORARY_FAILURE,
    /** REFUSED, NOTIMP, FORMERR, a malformed name or answer: asking again will not help. */
    PERMANENT_FAILURE;

    /** True for the two statuses that mean "authoritatively nothing here". */
    public boolean isEmptyAnswer() {
        return this == NO_SUCH_NAME || this == NO_DATA;
    }
}
