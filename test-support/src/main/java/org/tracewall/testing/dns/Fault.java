package org.tracewall.testing.dns;

/** What the loopback server does instead of answering normally for a name. */
public enum Fault {
    /** Answer normally. */
    NONE,
    /** Never answer: the client times out. */
    TIMEOUT,
    /** Answer types the name has records of; never answer the others (a half-broken server). */
    TIMEOUT_WITHOUT_DATA,
    /** Answer SERVFAIL. */
    SERVFAIL,
    /** Answer REFUSED. */
    REFUSED,
    /** Over UDP answer with TC set and no records, forcing the client to retry over TCP. */
    TRUNCATE,
    /** Answer with bytes that are not a DNS message. */
    GARBAGE
}
