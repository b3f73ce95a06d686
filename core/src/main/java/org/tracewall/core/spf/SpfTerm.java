package org.tracewall.core.spf;

import java.util.Objects;

import org.tracewall.core.net.IpNetwork;

/**
 * One parsed term of an SPF record: a directive (qualifier + mechanism + arguments) or a
 * modifier ({@code redirect=}, {@code exp=}, or an unknown one, which is ignored).
 */
final class SpfTerm {
    enum Kind { ALL, INCLUDE, A, MX, PTR, IP4, IP6, EXISTS, REDIRECT, EXP, UNKNOWN_MODIFIER }

    private final Kind kind;
    private final SpfResult qualifier;
    private final String domainSpec;
    private final IpNetwork network;
    private final int cidr4;
    private final int cidr6;
    private final String text;

    SpfTerm(Kind kind, SpfResult qualifier, String domainSpec, IpNetwork network, int cidr4, int cidr6, String text) {
        this.kind = kind;
        this.qualifier = qualifier;
        this.domainSpec = domainSpec;
        this.network = network;
        this.cidr4 = cidr4;
        this.cidr6 = cidr6;
        this.text = Objects.requireNonNull(text);
    }

    Kind kind() {
        return kind;
    }

    /** PASS for "+", FAIL for "-", SOFTFAIL for "~", NEUTRAL for "?". */
    SpfResult qualifier() {
        return qualifier;
    }

    /** The unexpanded domain-spec, or null when the mechanism has none (current domain). */
    String domainSpec() {
        return domainSpec;
    }

    IpNetwork network() {
        return network;
    }

    int cidr4() {
        return cidr4;
    }

    int cidr6() {
        return cidr6;
    }

    boolean isMechanism() {
        return kind != Kind.REDIRECT && kind != Kind.EXP && kind != Kind.UNKNOWN_MODIFIER;
    }

    /** True for the terms that count toward the limit of 10 DNS-querying terms. */
    boolean queriesDns() {
        switch (kind) {
            case INCLUDE:
            case A:
            case MX:
            case PTR:
            case EXISTS:
            case REDIRECT:
                return true;
            default:
                return false;
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
