package org.tracewall.core.trace;

import java.util.Objects;
import java.util.Optional;

import org.tracewall.core.spf.SpfVerdict;

/**
 * The outcome of a traceability check: the result, a machine-readable reason, a human detail
 * ({@code "mx-neighbour /24 of mx1.example.com"}), the identity domain, and the SPF verdict
 * when SPF was evaluated.
 */
public final class TraceVerdict {
    private final TraceResult result;
    private final TraceReason reason;
    private final String detail;
    private final String domain;
    private final SpfVerdict spf;

    public TraceVerdict(TraceResult result, TraceReason reason, String detail, String domain, SpfVerdict spf) {
        this.result = Objects.requireNonNull(result, "result");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.detail = Objects.requireNonNull(detail, "detail");
        this.domain = Objects.requireNonNull(domain, "domain");
        this.spf = spf;
    }

    public TraceResult result() {
        return result;
    }

    public TraceReason reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }

    public String domain() {
        return domain;
    }

    public Optional<SpfVerdict> spf() {
        return Optional.ofNullable(spf);
    }

    @Override
    public String toString() {
        return result.code() + " " + reason.code() + " (" + detail + ")";
    }
}
