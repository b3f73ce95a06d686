package org.tracewall.core.trace;

import java.net.IDN;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * Internal traceability: mail from a local domain must be authenticated, also to
 * local recipients, and the authenticated user must be allowed to send as the envelope and
 * header sender. Who may send as whom is the caller's rule (James's aliases, via CanSendFrom).
 *
 * <p>The header rule, {@link #checkHeaders}, is shared by the SMTP hook and the matcher so that both
 * judge the same addresses: every address {@link DisplayedAddresses} reads from From and Sender.
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

    /** The judgement of a message's From and Sender headers. */
    public static final class HeaderVerdict {
        private static final HeaderVerdict ACCEPTED = new HeaderVerdict(Outcome.BOUND, "", "", Optional.empty());

        private final Outcome outcome;
        private final String header;
        private final String address;
        private final Optional<String> problem;

        private HeaderVerdict(Outcome outcome, String header, String address, Optional<String> problem) {
            this.outcome = outcome;
            this.header = header;
            this.address = address;
            this.problem = problem;
        }

        /** Whether the message must be refused (or, for a matcher, flagged). */
        public boolean refused() {
            return problem.isPresent() || outcome == Outcome.AUTH_REQUIRED || outcome == Outcome.FORGED;
        }

        /** AUTH_REQUIRED or FORGED for the first address refused; BOUND when accepted or when {@link #problem()} is set. */
        public Outcome outcome() {
            return outcome;
        }

        /** "From" or "Sender": the header of the refused address ("" otherwise). */
        public String header() {
            return header;
        }

        /** The refused address ("" otherwise). */
        public String address() {
            return address;
        }

        /** Why the headers are unreadable (several From, no readable From address ...), if they are. */
        public Optional<String> problem() {
            return problem;
        }
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
        if (!address.isEmpty() && isLocal(domainOf(address))) {
            return Outcome.AUTH_REQUIRED;
        }
        return Outcome.EXTERNAL;
    }

    /**
     * Judges the headers a reader takes as the author: unreadable headers are refused whoever sends
     * them (an unreadable From can still be displayed as a local address), then every From and Sender
     * address is checked like an envelope sender. The first refused address is the answer.
     */
    public HeaderVerdict checkHeaders(DisplayedAddresses headers, Optional<String> authUser) {
        if (headers.problem().isPresent()) {
            return new HeaderVerdict(Outcome.BOUND, "", "", headers.problem());
        }
        Optional<HeaderVerdict> from = firstRefused("From", headers.from(), authUser);
        return from.or(() -> firstRefused("Sender", headers.sender(), authUser)).orElse(HeaderVerdict.ACCEPTED);
    }

    private Optional<HeaderVerdict> firstRefused(String header, List<String> addresses, Optional<String> authUser) {
        for (String address : addresses) {
            Outcome outcome = check(address, authUser);
            if (outcome == Outcome.AUTH_REQUIRED || outcome == Outcome.FORGED) {
                return Optional.of(new HeaderVerdict(outcome, header, address, Optional.empty()));
            }
        }
        return Optional.empty();
    }

    /** Local in ASCII or, for an IDN read as xn--, in the Unicode form a domain list may hold. */
    private boolean isLocal(String domain) {
        if (isLocalDomain.test(domain)) {
            return true;
        }
        if (!domain.contains("xn--")) {
            return false;
        }
        try {
            String unicode = IDN.toUnicode(domain, IDN.ALLOW_UNASSIGNED);
            return !unicode.equals(domain) && isLocalDomain.test(unicode);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }
}
