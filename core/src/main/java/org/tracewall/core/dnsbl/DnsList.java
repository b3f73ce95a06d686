package org.tracewall.core.dnsbl;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

import org.tracewall.core.net.IpNetwork;

/**
 * One DNS list: its zone, whether it lists addresses (DNSBL/DNSWL) or domains (DBL), its weight
 * (positive blocks, negative vouches), which answer codes count, and the rejection text
 * template ({@code $ip}, {@code $domain}, {@code $list} are replaced).
 */
public final class DnsList {
    /** What the list is queried with: the client address, the HELO and MAIL FROM domains, or the hosts of the message's links. */
    public enum Kind { IP, DOMAIN, URL }

    /** Spamhaus and others answer 127.255.255.x for refused or malformed queries: an error, not a listing. */
    static final IpNetwork ERROR_CODES = IpNetwork.parse("127.255.255.0/24");

    private final String name;
    private final String zone;
    private final Kind kind;
    private final double weight;
    private final List<IpNetwork> codes;
    private final String message;
    private final int mask;

    public DnsList(String name, String zone, Kind kind, double weight, List<IpNetwork> codes, String message) {
        this(name, zone, kind, weight, codes, message, 0);
    }

    /** @param mask the answer's last octet must have one of these bits (SURBL/URIBL "multi" lists); 0: any */
    public DnsList(String name, String zone, Kind kind, double weight, List<IpNetwork> codes, String message, int mask) {
        this.name = Objects.requireNonNull(name);
        this.zone = zone.endsWith(".") ? zone.substring(0, zone.length() - 1) : zone;
        this.kind = Objects.requireNonNull(kind);
        this.weight = weight;
        this.codes = List.copyOf(codes);
        this.message = Objects.requireNonNull(message);
        this.mask = mask;
    }

    public String name() {
        return name;
    }

    public String zone() {
        return zone;
    }

    public Kind kind() {
        return kind;
    }

    public double weight() {
        return weight;
    }

    /** True when an answer code means "listed" for this list. */
    public boolean counts(InetAddress code) {
        if (isErrorCode(code)) {
            return false;
        }
        if (mask != 0 && ((code.getAddress()[code.getAddress().length - 1] & 0xff) & mask) == 0) {
            return false;
        }
        return codes.stream().anyMatch(network -> network.contains(code));
    }

    /** True for the list's way of saying it did not answer the question (127.255.255.x), whatever the codes filter. */
    public static boolean isErrorCode(InetAddress code) {
        return ERROR_CODES.contains(code);
    }

    /** What an error answer means, in the words of Spamhaus, whose codes the other lists copied. */
    public static String errorMeaning(InetAddress code) {
        switch (code.getAddress()[3] & 0xff) {
            case 252:
                return "the list's zone name is mistyped";
            case 254:
                return "the list refuses this resolver (queries through public or open resolvers are blocked); use your own resolver";
            case 255:
                return "the list refuses this resolver for excessive queries";
            default:
                return "the list did not answer the question";
        }
    }

    /** The rejection text for a listed address or domain. */
    public String message(String ip, String domain) {
        return message.replace("$ip", ip).replace("$domain", domain).replace("$list", zone);
    }
}
