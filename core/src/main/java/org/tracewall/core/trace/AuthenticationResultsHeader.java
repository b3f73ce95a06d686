package org.tracewall.core.trace;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import org.tracewall.core.dkim.DkimResult;
import org.tracewall.core.dmarc.DmarcResult;

/**
 * Builds the RFC 8601 {@code Authentication-Results} value for a traceability verdict:
 *
 * <pre>
 * mx.example.net; spf=pass smtp.mailfrom=example.com;
 *  x-traceability=pass (mx-neighbour /24 of mx1.example.com) smtp.mailfrom=example.com
 * </pre>
 *
 * Everything that comes from the SMTP client (HELO, MAIL FROM) is reduced to a safe token
 * before it is written, so a hostile client cannot inject header lines or fields.
 */
public final class AuthenticationResultsHeader {
    private static final Pattern ALGORITHM = Pattern.compile("[a-z0-9-]{1,20}");
    private static final Pattern TOKEN = Pattern.compile("[a-z-]{1,20}");
    public static final String NAME = "Authentication-Results";
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]{0,251}[A-Za-z0-9])?");
    private static final Pattern AUTHSERV_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");

    private AuthenticationResultsHeader() {
    }

    /** True when the id can stand as an authserv-id (a host name). */
    public static boolean isValidAuthservId(String authservId) {
        return authservId != null && AUTHSERV_ID.matcher(authservId).matches();
    }

    /**
     * The authserv-id of an existing header value, lower case, as a receiver reads it: RFC 8601
     * allows comments and folding white space before it ({@code (x) mx.example; ...}), so a
     * forger who puts a comment first must not slip past a check of the first word. Empty when
     * the value has no id.
     */
    public static String authservIdOf(String value) {
        String rest = skipCfws(value == null ? "" : value);
        int end = 0;
        while (end < rest.length() && rest.charAt(end) != ';' && rest.charAt(end) != '('
            && !Character.isWhitespace(rest.charAt(end))) {
            end++;
        }
        String id = rest.substring(0, end);
        // A quoted-string authserv-id ("mx.example") is allowed too.
        if (id.length() >= 2 && id.startsWith("\"") && id.endsWith("\"")) {
            id = id.substring(1, id.length() - 1);
        }
        return id.toLowerCase(Locale.ROOT);
    }

    private static String skipCfws(String value) {
        int i = 0;
        int depth = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (c == '\\' && depth > 0) {
                i++;
            } else if (depth == 0 && !Character.isWhitespace(c)) {
                break;
            }
            i++;
        }
        return value.substring(Math.min(i, value.length()));
    }

    /**
     * @param spfResult the SPF result word (pass, fail, none ...), or null when SPF was not evaluated
     * @param nullSender whether the identity came from HELO ({@code smtp.helo}) rather than MAIL FROM
     */
    public static String value(String authservId, String traceResult, String detail, String domain, String spfResult,
                               boolean nullSender) {
        return value(authservId, traceResult, detail, domain, spfResult, nullSender, List.of());
    }

    /**
     * As {@link #value(String, String, String, String, String, boolean)}, followed by more results
     * already in header form ({@link #dkim}, {@link #dmarc}).
     */
    public static String value(String authservId, String traceResult, String detail, String domain, String spfResult,
                               boolean nullSender, List<String> more) {
        StringBuilder value = new StringBuilder(traceValue(authservId, traceResult, detail, domain, spfResult, nullSender));
        for (String result : more) {
            value.append(";\r\n\t").append(result);
        }
        return value.toString();
    }

    /** {@code dkim=pass (signature verified) header.d=example.com header.s=sel header.a=rsa-sha256}. */
    public static String dkim(DkimResult result) {
        StringBuilder entry = new StringBuilder("dkim=").append(result.status().word())
            .append(" (").append(comment(result.reason() + (result.testing() ? "; testing key" : ""))).append(')');
        if (!result.domain().isEmpty()) {
            entry.append(" header.d=").append(safeToken(result.domain()));
        }
        if (!result.selector().isEmpty()) {
            entry.append(" header.s=").append(safeToken(result.selector()));
        }
        if (ALGORITHM.matcher(result.algorithm()).matches()) {
            entry.append(" header.a=").append(result.algorithm());
        }
        return entry.toString();
    }

    /** {@code dmarc=fail (p=reject dis=reject; why) header.from=example.com}. */
    public static String dmarc(DmarcResult result) {
        StringBuilder entry = new StringBuilder("dmarc=").append(result.status().word())
            .append(" (p=").append(result.published().word()).append(" dis=").append(result.disposition().word())
            .append("; ").append(comment(result.reason())).append(')');
        if (!result.fromDomain().isEmpty()) {
            entry.append(" header.from=").append(safeToken(result.fromDomain()));
        }
        return entry.toString();
    }

    private static String traceValue(String authservId, String traceResult, String detail, String domain, String spfResult,
                                     boolean nullSender) {
        if (!isValidAuthservId(authservId)) {
            throw new IllegalArgumentException("invalid authserv-id: " + authservId);
        }
        Objects.requireNonNull(traceResult, "traceResult");
        String property = property(domain, nullSender);
        StringBuilder value = new StringBuilder(authservId);
        if (spfResult != null) {
            value.append(";\r\n\tspf=").append(token(spfResult)).append(property);
        }
        value.append(";\r\n\tx-traceability=").append(token(traceResult));
        if (detail != null && !detail.isEmpty()) {
            value.append(" (").append(comment(detail)).append(')');
        }
        value.append(property);
        return value.toString();
    }

    /** A domain if it is one, else "invalid": for header fields that must stay a single token. */
    public static String safeToken(String domain) {
        return domain != null && DOMAIN.matcher(domain).matches() ? domain : "invalid";
    }

    private static String property(String domain, boolean nullSender) {
        if (domain == null || !DOMAIN.matcher(domain).matches()) {
            return "";
        }
        return (nullSender ? " smtp.helo=" : " smtp.mailfrom=") + domain;
    }

    private static String token(String word) {
        return TOKEN.matcher(word).matches() ? word : "none";
    }

    /** RFC 5322 ctext only: no CR/LF, no parentheses or backslashes, printable ASCII, bounded length. */
    public static String comment(String text) {
        StringBuilder sb = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (sb.length() >= 200) {
                sb.append("...");
                break;
            }
            sb.append(c >= 0x20 && c < 0x7f && c != '(' && c != ')' && c != '\\' && c != '"' ? c : '?');
        }
        return sb.toString();
    }
}
