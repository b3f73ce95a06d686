package org.tracewall.core.helo;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** What the HELO/PTR checks found, the client's confirmed PTR name if any, and whether DNS trouble hid anything. */
public final class HeloPtrVerdict {
    private final Set<HeloPtrResult> findings;
    private final String confirmedPtr;
    private final boolean incomplete;

    HeloPtrVerdict(Set<HeloPtrResult> findings, String confirmedPtr, boolean incomplete) {
        this.findings = Collections.unmodifiableSet(findings.isEmpty() ? EnumSet.noneOf(HeloPtrResult.class) : EnumSet.copyOf(findings));
        this.confirmedPtr = confirmedPtr;
        this.incomplete = incomplete;
    }

    public Set<HeloPtrResult> findings() {
        return findings;
    }

    public Optional<String> confirmedPtr() {
        return Optional.ofNullable(confirmedPtr);
    }

    /** True when a DNS failure kept a check from concluding (it then found nothing). */
    public boolean incomplete() {
        return incomplete;
    }

    @Override
    public String toString() {
        return findings + (confirmedPtr == null ? "" : " ptr=" + confirmedPtr) + (incomplete ? " (incomplete)" : "");
    }
}
