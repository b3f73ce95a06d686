package org.tracewall.core.trace;

import java.net.IDN;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.tracewall.core.domain.DomainNames;

/**
 * Every address a mail client could display as the author of a message: what its From and Sender
 * headers say, read as leniently as the most lenient reader, not as strictly as a parser that
 * skips what it cannot read. Sender binding judges these addresses; if it judged only what a
 * strict parser accepts, {@code From: Board: ceo@example.org;} or {@code From: CEO <ceo@example.org}
 * would pass unchecked and still be shown as from ceo@example.org.
 *
 * <p>Each raw value (as in the message, possibly folded) is unfolded, its RFC 2047 encoded words are
 * decoded, it is put in Unicode NFKC form (so fullwidth {@code ＠} and letters read as ASCII), then every
 * {@code local@domain} in it is taken, including those inside display names and comments, with the
 * obsolete syntax's spaces and comments around '@' and '.'. Domains are normalised by
 * {@link #normaliseDomain(String)} so that case, a trailing dot or a lookalike form cannot dodge the
 * local-domain test.
 *
 * <p>The headers are refused, with a reason, when RFC 5322 says a reader cannot know the author: several
 * From headers, or a From with no readable address ({@code From: undisclosed}, {@code From: <>}). A
 * missing From is left to other checks. Values longer than {@value #MAX_VALUE_LENGTH} characters, more
 * than {@value #MAX_SENDER_HEADERS} Sender headers and more than {@value #MAX_ADDRESSES} addresses are
 * refused too, which bounds the work hostile headers can cost.
 */
public final class DisplayedAddresses {
    /** Longest From or Sender value read; longer ones are refused rather than cut, which could drop an address. */
    public static final int MAX_VALUE_LENGTH = 16 * 1024;
    /** Most Sender headers read (RFC 5322 allows one). */
    public static final int MAX_SENDER_HEADERS = 4;
    /** Most addresses bound for one message, From and Sender together. */
    public static final int MAX_ADDRESSES = 64;

    private static final Pattern FULL_STOPS = Pattern.compile("[\u3002\uFF0E\uFF61]");
    private static final Pattern INVISIBLE = Pattern.compile("[\\s\\p{Z}\\p{Cc}\\p{Cf}]+");

    private final List<String> from;
    private final List<String> sender;
    private final Optional<String> problem;

    private DisplayedAddresses(List<String> from, List<String> sender, Optional<String> problem) {
        this.from = List.copyOf(from);
        this.sender = List.copyOf(sender);
        this.problem = problem;
    }

    /**
     * Reads the headers of one message.
     *
     * @param fromValues   the raw values of its From headers, as many as it has (none if it has none)
     * @param senderValues the raw values of its Sender headers
     */
    public static DisplayedAddresses read(List<String> fromValues, List<String> senderValues) {
        Optional<String> limits = limits(fromValues, senderValues);
        if (limits.isPresent()) {
            return refused(limits.get());
        }
        List<String> from = fromValues.isEmpty() ? List.of() : scan(fromValues.get(0));
        if (!fromValues.isEmpty() && from.isEmpty()) {
            return refused("no readable address in the From header");
        }
        List<String> sender = new ArrayList<>();
        for (String value : senderValues) {
            sender.addAll(scan(value));
        }
        if (from.size() + sender.size() > MAX_ADDRESSES) {
            return refused("more than " + MAX_ADDRESSES + " addresses in the From and Sender headers");
        }
        return new DisplayedAddresses(from, sender, Optional.empty());
    }

    /**
     * A domain as the local-domain test must see it: NFKC form, ideographic and fullwidth full stops as
     * dots, no white space, control or invisible format characters (obsolete syntax allows space between
     * labels, and none of them is part of a name or visible), IDN labels in ASCII (xn--), lower case, and
     * no leading or trailing dots and punctuation: {@code TRACEWALL.LOCAL.}, {@code tracewall.local;},
     * {@code tracewall . local} and {@code ｔｒａｃｅｗａｌｌ.local} are all tracewall.local. A domain IDN
     * refuses (a label over 63 characters, say) is kept, otherwise normalised.
     */
    public static String normaliseDomain(String domain) {
        if (DomainNames.isPlainAscii(domain)) {
            // Nearly every domain: NFKC, the patterns and IDN leave letters, digits, hyphens and inner
            // dots alone, and they were a fifth of the header checks in the load profile.
            return domain.toLowerCase(Locale.ROOT);
        }
        return normaliseFully(domain);
    }

    /** {@link #normaliseDomain} without its shortcut for plain host names. */
    static String normaliseFully(String domain) {
        String text = trim(INVISIBLE.matcher(FULL_STOPS.matcher(Normalizer.normalize(domain, Normalizer.Form.NFKC)).replaceAll("."))
            .replaceAll(""));
        try {
            text = IDN.toASCII(text, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            // Not a valid IDN: still compared in its Unicode form, which cannot equal an ASCII local domain.
        }
        return trim(text.toLowerCase(Locale.ROOT));
    }

    /** The addresses read from the From header, in order. */
    public List<String> from() {
        return from;
    }

    /** The addresses read from the Sender headers, in order. */
    public List<String> sender() {
        return sender;
    }

    /** Why the headers cannot be accepted whatever the addresses, if they cannot. */
    public Optional<String> problem() {
        return problem;
    }

    @Override
    public String toString() {
        return problem.map(p -> "refused: " + p).orElse("from=" + from + " sender=" + sender);
    }

    private static Optional<String> limits(List<String> fromValues, List<String> senderValues) {
        if (fromValues.size() > 1) {
            return Optional.of("several From headers");
        }
        if (senderValues.size() > MAX_SENDER_HEADERS) {
            return Optional.of("more than " + MAX_SENDER_HEADERS + " Sender headers");
        }
        for (List<String> values : List.of(fromValues, senderValues)) {
            for (String value : values) {
                if (value != null && value.length() > MAX_VALUE_LENGTH) {
                    return Optional.of("a From or Sender header longer than " + MAX_VALUE_LENGTH + " characters");
                }
                if (value != null && EncodedWords.hasUndecodable(value.replace("\r", "").replace("\n", ""))) {
                    return Optional.of("an encoded word in the From or Sender header that cannot be decoded");
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> scan(String value) {
        if (value == null) {
            return List.of();
        }
        // Unfolding removes the line breaks; the folding white space stays, as RFC 5322 section 2.2.3 says.
        String text = Normalizer.normalize(EncodedWords.decode(value.replace("\r", "").replace("\n", "")), Normalizer.Form.NFKC);
        Set<String> addresses = AddressScanner.addresses(text, MAX_ADDRESSES);
        return new ArrayList<>(addresses);
    }

    private static DisplayedAddresses refused(String problem) {
        return new DisplayedAddresses(List.of(), List.of(), Optional.of(problem));
    }

    /** Without leading and trailing characters other than letters and digits (a loop: a regex would backtrack). */
    private static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && !Character.isLetterOrDigit(text.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetterOrDigit(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }
}
