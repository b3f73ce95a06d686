package org.tracewall.reputation.text;

import java.net.IDN;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hosts of the links in a text, as URL block lists are asked about them: host names in
 * ASCII (IDN to punycode) and lower case, IP addresses as dotted quads. Spammers write links to
 * be clicked, not parsed, so the usual disguises are undone first: {@code hxxp://},
 * {@code example[.]com}, {@code example(dot)com}, character references ({@code &#46;}) and
 * percent-encoding in the host, user info before {@code @}, ports, decimal and hexadecimal IPs
 * ({@code http://3232235777/}). Only links with a scheme or a {@code www.} start count, as in
 * SpamAssassin without its TLD guesswork; at most {@value #MAX} hosts, in order of appearance.
 */
public final class UrlHosts {
    public static final int MAX = 100;

    private static final Pattern LINK = Pattern.compile(
        "(?i)(?:\\b(?:h(?:tt|xx|\\*\\*)ps?|ftp)://|\\bwww\\d{0,3}\\.)([^\\s/?#\"'<>()\\[\\]{}\\\\|^`]+)");
    private static final Pattern DOT_DISGUISE = Pattern.compile("(?i)\\s*(?:\\[\\.]|\\(\\.\\)|\\{\\.}|\\[dot]|\\(dot\\)|\\{dot})\\s*");
    private static final Pattern CHARACTER_REFERENCE = Pattern.compile("&#(x[0-9a-fA-F]{1,4}|[0-9]{1,5});?");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?|xn--[a-z0-9-]{1,59}");
    private static final Pattern TOP_LABEL = Pattern.compile("[a-z]{2,63}|xn--[a-z0-9-]{1,59}");
    private static final Pattern DOTTED_QUAD = Pattern.compile("(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    private static final Pattern DECIMAL_IP = Pattern.compile("[0-9]{8,10}");
    private static final Pattern HEX_IP = Pattern.compile("0x[0-9a-f]{1,8}");
    private static final Pattern EDGE_DOTS = Pattern.compile("^\\.+|\\.+$");

    private UrlHosts() {
    }

    public static List<String> of(String text) {
        String plain = undisguised(text);
        Set<String> hosts = new LinkedHashSet<>();
        Matcher link = LINK.matcher(plain);
        while (link.find() && hosts.size() < MAX) {
            host(link.group(0).toLowerCase(Locale.ROOT).startsWith("www") ? "www." + link.group(1) : link.group(1))
                .ifPresent(hosts::add);
        }
        return new ArrayList<>(hosts);
    }

    /** Character references decoded and the dot disguises undone, so that the link pattern sees what a browser would. */
    static String undisguised(String text) {
        String decoded = text.indexOf("&#") >= 0 ? withoutCharacterReferences(text) : text;
        if (decoded.indexOf('&') >= 0) {
            decoded = decoded.replace("&period;", ".").replace("&colon;", ":").replace("&sol;", "/");
        }
        // The disguise pattern is costly to try at every character: only texts with its brackets pay for it.
        boolean bracketed = decoded.indexOf('[') >= 0 || decoded.indexOf('(') >= 0 || decoded.indexOf('{') >= 0;
        return bracketed ? DOT_DISGUISE.matcher(decoded).replaceAll(".") : decoded;
    }

    private static String withoutCharacterReferences(String text) {
        StringBuilder decoded = new StringBuilder(text.length());
        Matcher reference = CHARACTER_REFERENCE.matcher(text);
        int last = 0;
        while (reference.find()) {
            String number = reference.group(1);
            int code = number.startsWith("x") || number.startsWith("X") ? Integer.parseInt(number.substring(1), 16) : Integer.parseInt(number);
            decoded.append(text, last, reference.start()).appendCodePoint(Character.isValidCodePoint(code) ? code : '?');
            last = reference.end();
        }
        decoded.append(text, last, text.length());
        return decoded.toString();
    }

    /** The host of an authority (user info and port dropped), or empty when it is not a host name or IPv4 address. */
    static Optional<String> host(String authority) {
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = host.indexOf(':');
        host = colon >= 0 ? host.substring(0, colon) : host;
        if (host.indexOf('%') >= 0) {
            try {
                host = URLDecoder.decode(host.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return Optional.empty();
            }
        }
        host = host.replace('\u3002', '.').replace('\uFF0E', '.').replace('\uFF61', '.').toLowerCase(Locale.ROOT);
        host = EDGE_DOTS.matcher(host).replaceAll("");
        Optional<String> ip = ipv4(host);
        if (ip.isPresent()) {
            return ip;
        }
        if (!host.chars().allMatch(c -> c < 0x80)) {
            try {
                host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException notIdn) {
                return Optional.empty();
            }
        }
        return isHostName(host) ? Optional.of(host) : Optional.empty();
    }

    private static boolean isHostName(String host) {
        String[] labels = host.split("\\.", -1);
        if (labels.length < 2 || host.length() > 253 || !TOP_LABEL.matcher(labels[labels.length - 1]).matches()) {
            return false;
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** Dotted quad, or one number (decimal or 0x hexadecimal) that browsers read as an IPv4 address. */
    private static Optional<String> ipv4(String host) {
        if (DOTTED_QUAD.matcher(host).matches()) {
            return Optional.of(host);
        }
        long value;
        if (DECIMAL_IP.matcher(host).matches()) {
            value = Long.parseLong(host);
        } else if (HEX_IP.matcher(host).matches()) {
            value = Long.parseLong(host.substring(2), 16);
        } else {
            return Optional.empty();
        }
        if (value > 0xffffffffL) {
            return Optional.empty();
        }
        return Optional.of((value >> 24 & 0xff) + "." + (value >> 16 & 0xff) + "." + (value >> 8 & 0xff) + "." + (value & 0xff));
    }
}
