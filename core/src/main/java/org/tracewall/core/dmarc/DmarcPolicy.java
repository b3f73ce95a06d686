package org.tracewall.core.dmarc;

import java.util.Locale;
import java.util.Optional;

/** What a domain asks receivers to do with mail that fails DMARC (p=, sp=). */
public enum DmarcPolicy {
    NONE, QUARANTINE, REJECT;

    static Optional<DmarcPolicy> parse(String word) {
        for (DmarcPolicy policy : values()) {
            if (policy.word().equals(word.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(policy);
            }
        }
        return Optional.empty();
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** RFC 7489 section 6.6.4: mail outside the pct sample gets the next less strict policy. */
    DmarcPolicy lessStrict() {
        return this == REJECT ? QUARANTINE : NONE;
    }
}
