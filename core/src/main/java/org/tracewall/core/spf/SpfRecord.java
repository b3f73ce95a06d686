package org.tracewall.core.spf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tracewall.core.net.IpAddresses;
import org.tracewall.core.net.IpNetwork;

/**
 * A parsed SPF record (RFC 7208 section 4.6 and 12). Parsing checks the whole record first,
 * because any syntax error anywhere makes the result {@code permerror} before a single
 * mechanism is evaluated.
 */
final class SpfRecord {
    private static final Pattern VERSION = Pattern.compile("(?is)v=spf1(?: .*)?");
    private static final Pattern MODIFIER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
    /** Dual CIDR at the end of an a/mx argument: "/24", "//64", "/24//64"; no leading zeros. */
    private static final Pattern DUAL_CIDR = Pattern.compile("^(.*?)(?:/(0|[1-9]\\d{0,2}))?(?://(0|[1-9]\\d{0,2}))?$", Pattern.DOTALL);
    private static final Pattern TOPLABEL = Pattern.compile("(?i)([a-z0-9]*[a-z][a-z0-9]*|[a-z0-9]+-[a-z0-9-]*[a-z0-9])");

    /**
     * Parsed records by their text, shared by every evaluator: a domain's record is read on every
     * MAIL FROM, and parsing it (a few regular expressions per term) was most of an SPF check's
     * time in the SMTP profile. Bounded: when full it starts over, which costs parses, never a
     * wrong answer (a record's meaning is its text).
     */
    private static final ConcurrentMap<String, SpfRecord> PARSED = new ConcurrentHashMap<>();
    private static final int MAX_PARSED = 1024;

    private final List<SpfTerm> mechanisms;
    private final SpfTerm redirect;
    private final SpfTerm exp;

    private SpfRecord(List<SpfTerm> mechanisms, SpfTerm redirect, SpfTerm exp) {
        this.mechanisms = List.copyOf(mechanisms);
        this.redirect = redirect;
        this.exp = exp;
    }

    /** True when a TXT string is an SPF version 1 record ("v=spf1" then a space or the end). */
    static boolean isSpf1(String txt) {
        return VERSION.matcher(txt).matches();
    }

    /** {@link #parse}, remembered: a record with a syntax error is parsed (and refused) each time. */
    static SpfRecord of(String text) throws SpfSyntaxException {
        SpfRecord record = PARSED.get(text);
        if (record == null) {
            record = parse(text);
            if (PARSED.size() >= MAX_PARSED) {
                PARSED.clear();
            }
            PARSED.put(text, record);
        }
        return record;
    }

    static SpfRecord parse(String text) throws SpfSyntaxException {
        if (!isSpf1(text)) {
            throw new SpfSyntaxException("not an SPF version 1 record");
        }
        List<SpfTerm> mechanisms = new ArrayList<>();
        SpfTerm redirect = null;
        SpfTerm exp = null;
        for (String token : text.substring(6).split(" ")) {
            if (token.isEmpty()) {
                continue;
            }
            SpfTerm term = parseTerm(token);
            if (term.kind() == SpfTerm.Kind.REDIRECT) {
                if (redirect != null) {
                    throw new SpfSyntaxException("more than one redirect= modifier");
                }
                redirect = term;
            } else if (term.kind() == SpfTerm.Kind.EXP) {
                if (exp != null) {
                    throw new SpfSyntaxException("more than one exp= modifier");
                }
                exp = term;
            } else if (term.isMechanism()) {
                mechanisms.add(term);
            }
        }
        return new SpfRecord(mechanisms, redirect, exp);
    }

    List<SpfTerm> mechanisms() {
        return mechanisms;
    }

    SpfTerm redirect() {
        return redirect;
    }

    SpfTerm exp() {
        return exp;
    }

    boolean hasAll() {
        return mechanisms.stream().anyMatch(m -> m.kind() == SpfTerm.Kind.ALL);
    }

    private static SpfTerm parseTerm(String token) throws SpfSyntaxException {
        int equals = token.indexOf('=');
        int colon = token.indexOf(':');
        int slash = token.indexOf('/');
        boolean isModifier = equals > 0 && (colon < 0 || equals < colon) && (slash < 0 || equals < slash)
            && MODIFIER_NAME.matcher(token.substring(0, equals)).matches();
        if (isModifier) {
            return parseModifier(token, token.substring(0, equals).toLowerCase(Locale.ROOT), token.substring(equals + 1));
        }
        return parseDirective(token);
    }

    private static SpfTerm parseModifier(String token, String name, String value) throws SpfSyntaxException {
        switch (name) {
            case "redirect":
                requireDomainSpec(value, token);
                return new SpfTerm(SpfTerm.Kind.REDIRECT, null, value, null, 32, 128, token);
            case "exp":
                requireDomainSpec(value, token);
                return new SpfTerm(SpfTerm.Kind.EXP, null, value, null, 32, 128, token);
            default:
                SpfMacro.validate(value, false);
                return new SpfTerm(SpfTerm.Kind.UNKNOWN_MODIFIER, null, value, null, 32, 128, token);
        }
    }

    private static SpfTerm parseDirective(String token) throws SpfSyntaxException {
        SpfResult qualifier = SpfResult.PASS;
        String rest = token;
        switch (token.charAt(0)) {
            case '+':
                rest = token.substring(1);
                break;
            case '-':
                qualifier = SpfResult.FAIL;
                rest = token.substring(1);
                break;
            case '~':
                qualifier = SpfResult.SOFTFAIL;
                rest = token.substring(1);
                break;
            case '?':
                qualifier = SpfResult.NEUTRAL;
                rest = token.substring(1);
                break;
            default:
                break;
        }
        int end = 0;
        while (end < rest.length() && Character.isLetterOrDigit(rest.charAt(end))) {
            end++;
        }
        String name = rest.substring(0, end).toLowerCase(Locale.ROOT);
        String argument = rest.substring(end);
        switch (name) {
            case "all":
                requireEmpty(argument, token);
                return new SpfTerm(SpfTerm.Kind.ALL, qualifier, null, null, 32, 128, token);
            case "include":
                return new SpfTerm(SpfTerm.Kind.INCLUDE, qualifier, requiredDomain(argument, token), null, 32, 128, token);
            case "exists":
                return new SpfTerm(SpfTerm.Kind.EXISTS, qualifier, requiredDomain(argument, token), null, 32, 128, token);
            case "ptr":
                return new SpfTerm(SpfTerm.Kind.PTR, qualifier, optionalDomain(argument, token), null, 32, 128, token);
            case "a":
                return addressMechanism(SpfTerm.Kind.A, qualifier, argument, token);
            case "mx":
                return addressMechanism(SpfTerm.Kind.MX, qualifier, argument, token);
            case "ip4":
                return ipMechanism(SpfTerm.Kind.IP4, qualifier, argument, token);
            case "ip6":
                return ipMechanism(SpfTerm.Kind.IP6, qualifier, argument, token);
            default:
                throw new SpfSyntaxException("unknown mechanism '" + token + "'");
        }
    }

    private static SpfTerm addressMechanism(SpfTerm.Kind kind, SpfResult qualifier, String argument, String token)
        throws SpfSyntaxException {
        Matcher m = DUAL_CIDR.matcher(argument);
        if (!m.matches()) {
            throw new SpfSyntaxException("bad CIDR in '" + token + "'");
        }
        int cidr4 = m.group(2) == null ? 32 : Integer.parseInt(m.group(2));
        int cidr6 = m.group(3) == null ? 128 : Integer.parseInt(m.group(3));
        if (cidr4 > 32 || cidr6 > 128) {
            throw new SpfSyntaxException("CIDR length out of range in '" + token + "'");
        }
        String domain = optionalDomain(m.group(1), token);
        return new SpfTerm(kind, qualifier, domain, null, cidr4, cidr6, token);
    }

    private static SpfTerm ipMechanism(SpfTerm.Kind kind, SpfResult qualifier, String argument, String token)
        throws SpfSyntaxException {
        if (!argument.startsWith(":") || argument.length() == 1) {
            throw new SpfSyntaxException("'" + token + "' needs an address");
        }
        String value = argument.substring(1);
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        boolean ipv4 = kind == SpfTerm.Kind.IP4;
        if (ipv4 ? !IpAddresses.isIpv4Literal(address) : !address.contains(":")) {
            throw new SpfSyntaxException("bad address in '" + token + "'");
        }
        int max = ipv4 ? 32 : 128;
        int prefix = max;
        if (slash >= 0) {
            String length = value.substring(slash + 1);
            if (!length.matches("0|[1-9]\\d{0,2}") || Integer.parseInt(length) > max) {
                throw new SpfSyntaxException("bad CIDR length in '" + token + "'");
            }
            prefix = Integer.parseInt(length);
        }
        try {
            IpNetwork network = ipv4
                ? IpNetwork.of(IpAddresses.parseLiteral(address), prefix)
                : IpNetwork.ofBytes(IpAddresses.ipv6Bytes(address), prefix);
            return new SpfTerm(kind, qualifier, null, network, prefix, prefix, token);
        } catch (IllegalArgumentException e) {
            throw new SpfSyntaxException("bad address in '" + token + "'");
        }
    }

    private static void requireEmpty(String argument, String token) throws SpfSyntaxException {
        if (!argument.isEmpty()) {
            throw new SpfSyntaxException("unexpected argument in '" + token + "'");
        }
    }

    private static String requiredDomain(String argument, String token) throws SpfSyntaxException {
        if (!argument.startsWith(":") || argument.length() == 1) {
            throw new SpfSyntaxException("'" + token + "' needs a domain");
        }
        String domain = argument.substring(1);
        requireDomainSpec(domain, token);
        return domain;
    }

    private static String optionalDomain(String argument, String token) throws SpfSyntaxException {
        if (argument.isEmpty()) {
            return null;
        }
        return requiredDomain(argument, token);
    }

    /** domain-spec = macro-string domain-end; domain-end = ( "." toplabel [ "." ] ) / macro-expand. */
    static void requireDomainSpec(String spec, String token) throws SpfSyntaxException {
        if (spec.isEmpty()) {
            throw new SpfSyntaxException("empty domain in '" + token + "'");
        }
        SpfMacro.validate(spec, false);
        if (spec.endsWith("}")) {
            return;
        }
        String trimmed = spec.endsWith(".") ? spec.substring(0, spec.length() - 1) : spec;
        int dot = trimmed.lastIndexOf('.');
        if (dot < 0 || !TOPLABEL.matcher(trimmed.substring(dot + 1)).matches()) {
            throw new SpfSyntaxException("'" + spec + "' does not end in a valid top label (in '" + token + "')");
        }
    }
}
