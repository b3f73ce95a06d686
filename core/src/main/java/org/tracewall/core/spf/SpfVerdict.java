package org.tracewall.core.spf;

import java.util.Objects;
import java.util.Optional;

/**
 * What an SPF check concluded: the result, the domain whose policy decided, a short
 * machine-oriented detail (the matching mechanism, or the reason of an error), the
 * explanation for a {@code fail} (RFC 7208 section 6.2), and the number of DNS-querying
 * terms it took.
 */
public final class SpfVerdict {
    private final SpfResult result;
    private final String domain;
    private final String detail;
    private final String explanation;
    private final int lookups;

    public SpfVerdict(SpfResult result, String domain, String detail, String explanation, int lookups) {
        this.result = Objects.requireNonNull(result, "result");
        this.domain = Objects.requireNonNull(domain, "domain");
        this.detail = Objects.requireNonNull(detail, "detail");
        this.explanation = explanation;
        this.lookups = lookups;
    }

    public SpfResult result() {
        return result;
    }

    /** The domain checked (MAIL FROM's domain, or HELO's for the null sender). */
    public String domain() {
        return domain;
    }

    /** The mechanism that matched ("ip4:192.0.2.0/24", "default"), or why the check erred. */
    public String detail() {
        return detail;
    }

    /** Only for {@code fail}: the domain's explanation, or the configured default. */
    public Optional<String> explanation() {
        return Optional.ofNullable(explanation);
    }

    /** DNS-querying mechanisms and modifiers evaluated (at most 10 are allowed). */
    public int lookups() {
        return lookups;
    }

    @Override
    public String toString() {
        return result.code() + " (" + domain + ": " + detail + ")";
    }
}
