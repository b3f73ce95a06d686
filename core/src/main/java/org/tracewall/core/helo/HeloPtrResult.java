package org.tracewall.core.helo;

/** The named findings of the HELO and reverse-DNS checks; weights live in configuration. */
public enum HeloPtrResult {
    /** HELO is not a fully qualified domain name (nor an address literal). */
    HELO_NOT_FQDN,
    /** HELO names a host that does not exist in the DNS. */
    HELO_UNRESOLVABLE,
    /** HELO is an address literal that is not the client's address. */
    HELO_LITERAL_MISMATCH,
    /** The client address has no PTR record. */
    NO_PTR,
    /** No PTR name of the client leads back to the client's address. */
    PTR_NOT_CONFIRMED,
    /** HELO is not the client's forward-confirmed PTR name. */
    HELO_PTR_MISMATCH
}
