package org.tracewall.core.dkim;

import java.util.Locale;
import java.util.Objects;

/**
 * The verdict on one DKIM-Signature, in RFC 8601's words: pass, fail (the signature or body hash
 * does not match, or it expired), temperror (the key could not be fetched now: ask again later),
 * permerror (the signature or key is unusable: syntax, revoked, too weak, rsa-sha1).
 */
public final class DkimResult {
    /** RFC 8601 section 2.7.1 result words. */
    public enum Status {
        PASS, FAIL, TEMPERROR, PERMERROR;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Status status;
    private final String domain;
    private final String selector;
    private final String algorithm;
    private final String reason;
    private final boolean testing;

    private DkimResult(Status status, String domain, String selector, String algorithm, String reason, boolean testing) {
        this.status = status;
        this.domain = domain;
        this.selector = selector;
        this.algorithm = algorithm;
        this.reason = reason;
        this.testing = testing;
    }

    static DkimResult of(Status status, DkimSignature signature, String reason, boolean testing) {
        return new DkimResult(status, signature.domain(), signature.selector(), signature.algorithm().tag(), reason, testing);
    }

    /** A result as recorded elsewhere (a mail attribute, a test). */
    public static DkimResult of(Status status, String domain, String selector, String algorithm, String reason, boolean testing) {
        return new DkimResult(status, domain, selector, algorithm, reason, testing);
    }

    /** A signature too broken to name its algorithm; d= and s= as far as they could be read, or "". */
    static DkimResult unparsable(String domain, String selector, String reason) {
        return new DkimResult(Status.PERMERROR, domain, selector, "", reason, false);
    }

    public Status status() {
        return status;
    }

    public boolean isPass() {
        return status == Status.PASS;
    }

    /** d= in lower case, or "" when the signature did not say. */
    public String domain() {
        return domain;
    }

    public String selector() {
        return selector;
    }

    public String algorithm() {
        return algorithm;
    }

    /** Why, for the header comment and logs: "body hash mismatch", "no key for s._domainkey.d"... */
    public String reason() {
        return reason;
    }

    /** The key says t=y: results must not be treated differently from unsigned mail. */
    public boolean testing() {
        return testing;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DkimResult)) {
            return false;
        }
        DkimResult other = (DkimResult) o;
        return status == other.status && domain.equals(other.domain) && selector.equals(other.selector)
            && algorithm.equals(other.algorithm) && reason.equals(other.reason) && testing == other.testing;
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, domain, selector, algorithm, reason, testing);
    }

    @Override
    public String toString() {
        return status.word() + " d=" + domain + " s=" + selector + " (" + reason + ")";
    }
}
