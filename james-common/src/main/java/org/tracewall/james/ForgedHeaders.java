package org.tracewall.james;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import javax.mail.Header;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

/**
 * Removes, from mail as it arrives, the headers that only this gateway may write: its own
 * ({@code X-Tracewall-*}: trace, score, virus scan, disclaimer marker...) and the conventional
 * spam headers mail clients filter on ({@code X-Spam-*}). A sender who adds them would
 * otherwise pass for scanned, scored or already disclaimed. {@code Authentication-Results}
 * under this gateway's own id is removed where it is written ({@code RecordTraceability}),
 * because only that mailet knows the id.
 */
public final class ForgedHeaders {
    /** The header name prefixes removed by default. */
    public static final List<String> DEFAULT_PREFIXES = List.of("X-Tracewall-", "X-Spam-");

    private ForgedHeaders() {
    }

    /**
     * Removes every header whose name starts with one of the prefixes (case-insensitive).
     * {@code removeHeader} removes all fields of a name in one walk of the header list, so each
     * distinct name is removed once: a message repeating one forged header a thousand times costs
     * one walk, not a thousand (the number of distinct names is bounded by HeaderLimitsHook, which
     * runs first).
     *
     * @return how many header fields were removed
     */
    public static int removeFrom(MimeMessage message, List<String> prefixes) throws MessagingException {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        int fields = 0;
        Enumeration<Header> headers = message.getAllHeaders();
        while (headers.hasMoreElements()) {
            String name = headers.nextElement().getName();
            if (matches(name, prefixes)) {
                names.add(name);
                fields++;
            }
        }
        for (String name : names) {
            message.removeHeader(name);
        }
        // Headers only: no saveChanges(), which would re-read a multipart body for nothing.
        return fields;
    }

    /** Parses a parameter value such as {@code "X-Tracewall-, X-Spam-"}; blank gives the defaults. */
    public static List<String> prefixes(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            return DEFAULT_PREFIXES;
        }
        List<String> prefixes = new ArrayList<>();
        for (String prefix : parameter.split("[,\\s]+")) {
            if (!prefix.isBlank()) {
                prefixes.add(prefix.trim());
            }
        }
        return List.copyOf(prefixes);
    }

    private static boolean matches(String name, List<String> prefixes) {
        String lower = name.toLowerCase(Locale.ROOT);
        return prefixes.stream().anyMatch(prefix -> lower.startsWith(prefix.toLowerCase(Locale.ROOT)));
    }
}
