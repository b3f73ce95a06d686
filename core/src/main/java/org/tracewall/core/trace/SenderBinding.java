package org.tracewall.core.trace;

import java.util.Locale;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * Internal traceability (seed 002): mail from a local domain must be authenticated, also to
 * local recipients, and the authenticated user must be allowed to send as the envelope and
 * header sender. Who may send as whom is the caller's rule (James's aliases, via CanSendFrom).
 */
public final class SenderBinding {
    /** The outcome for one sender address. */
    public enum Outcome {
        /** Not a local sender and not authenticated: the external check applies. */
        EXTERNAL,
        /** An authenticated user allowed to use the address. */
        BOUND,
        /** A local address used without SMTP AUTH. */
        AUTH_REQUIRED,
        /** An authenticated user using an address it may not send as. */
        FORGED
    }

    private final Predicate<String> isLocalDomain;
    private final BiPredicate<String, String> canSendFrom;

    /**
     * @param isLocalDomain whether a domain is one of the server's
     * @param canSendFrom   (authUser, address) -> may that user send as that address
     */
    public SenderBinding(Predicate<String> isLocalDomain, BiPredicate<String, String> canSendFrom) {
        this.isLocalDomain = isLocalDomain;
        this.canSendFrom = canSendFrom;
    }

    /** Judges one sender address ("" is the null sender, always acceptable from an authenticated user). */
    public Outcome check(String address, Optional<String> authUser) {
        if (authUser.isPresent()) {
            if (address.isEmpty() || canSendFrom.test(authUser.get(), address)) {
                return Outcome.BOUND;
            }
            return Outcome.FORGED;
        }
        if (!address.isEmpty() && isLocalDomain.test(domainOf(address))) {
            return Outcome.AUTH_REQUIRED;
        }
        return Outcome.EXTERNAL;
    }

    static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }
}
