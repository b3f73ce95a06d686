package org.tracewall.core.dmarc;

import java.util.Locale;

/**
 * The DMARC verdict on one message: the RFC 8601 result word, the author (From) domain, the
 * policy that applies after sp= and pct= ({@link #disposition()}), and which identifiers aligned.
 */
public final class DmarcResult {
    /** RFC 8601 section 2.7.1 words for dmarc=. */
    public enum Status {
        PASS, FAIL, NONE, TEMPERROR, PERMERROR;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Status status;
    private final String fromDomain;
    private final DmarcPolicy published;
    private final DmarcPolicy disposition;
    private final boolean dkimAligned;
    private final boolean spfAligned;
    private final String reason;

    DmarcResult(Status status, String fromDomain, DmarcPolicy published, DmarcPolicy disposition, boolean dkimAligned,
                boolean spfAligned, String reason) {
        this.status = status;
        this.fromDomain = fromDomain;
        this.published = published;
        this.disposition = disposition;
        this.dkimAligned = dkimAligned;
        this.spfAligned = spfAligned;
        this.reason = reason;
    }

    static DmarcResult withoutPolicy(Status status, String fromDomain, String reason) {
        return new DmarcResult(status, fromDomain, DmarcPolicy.NONE, DmarcPolicy.NONE, false, false, reason);
    }

    public Status status() {
        return status;
    }

    /** The From domain, lower case; "" when the message has none that can be read. */
    public String fromDomain() {
        return fromDomain;
    }

    /** The policy the domain published for it (p= or sp=), NONE without a record. */
    public DmarcPolicy published() {
        return published;
    }

    /** What to do: the published policy for a failing message in the pct= sample, else one step less; NONE unless it failed. */
    public DmarcPolicy disposition() {
        return disposition;
    }

    public boolean dkimAligned() {
        return dkimAligned;
    }

    public boolean spfAligned() {
        return spfAligned;
    }

    /** For the header comment and logs. */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return status.word() + " header.from=" + fromDomain + " p=" + published.word() + " disposition=" + disposition.word()
            + " (" + reason + ")";
    }
}
