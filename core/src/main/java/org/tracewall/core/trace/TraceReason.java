package org.tracewall.core.trace;

/** The machine-readable reason of a traceability verdict. */
public enum TraceReason {
    AUTHENTICATED("auth"),
    TRUSTED_NETWORK("trusted-network"),
    SPF_PASS("spf-pass"),
    SPF_FAIL("spf-fail"),
    SPF_SOFTFAIL("spf-softfail"),
    SPF_NEUTRAL("spf-neutral"),
    SPF_PERMERROR("spf-permerror"),
    SPF_TEMPERROR("spf-temperror"),
    REGISTRY_TRUSTED("registry"),
    REGISTRY_UNTRUSTED("registry-untrusted"),
    COMPENSATED("compensated"),
    MX_HOST("mx-host"),
    A_HOST("a-host"),
    MX_NEIGHBOUR("mx-neighbour"),
    A_NEIGHBOUR("a-neighbour"),
    FCRDNS("fcrdns"),
    /** A verified DKIM signature of the claimed domain (judged at the end of DATA). */
    DKIM_SIGNED("dkim"),
    NO_EVIDENCE("no-evidence"),
    NO_SUCH_DOMAIN("no-such-domain"),
    NULL_MX("null-mx"),
    INVALID_DOMAIN("invalid-domain"),
    DNS_TEMPERROR("dns-temperror");

    private final String code;

    TraceReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
