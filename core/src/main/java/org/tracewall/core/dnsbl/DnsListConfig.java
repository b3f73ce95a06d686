package org.tracewall.core.dnsbl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tracewall.core.config.ConfigValues;
import org.tracewall.core.config.Option;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.config.OptionValues;
import org.tracewall.core.net.IpAddresses;
import org.tracewall.core.net.IpNetwork;

/**
 * The {@code dnsbl.*} keys of tracewall.properties: the lists and the score that rejects.
 *
 * <pre>
 * dnsbl.threshold=1.0
 * dnsbl.list.zen.zone=zen.spamhaus.org
 * dnsbl.list.zen.weight=1.0
 * dnsbl.list.zen.codes=127.0.0.2-127.0.0.11          # SBL, CSS, XBL, PBL
 * dnsbl.list.zen.message=$ip is listed in $list, see https://check.spamhaus.org/
 * dnsbl.list.dnswl.zone=list.dnswl.org
 * dnsbl.list.dnswl.weight=-2.0                       # a negative weight vouches (DNSWL)
 * dnsbl.list.dnswl.codes=127.0.0.0/16
 * dnsbl.list.dbl.zone=dbl.spamhaus.org
 * dnsbl.list.dbl.type=domain                          # HELO and MAIL FROM domains
 * dnsbl.list.dbl.codes=127.0.1.2-127.0.1.99
 * </pre>
 */
public final class DnsListConfig {
    public static final Option<Double> THRESHOLD = Option.number("dnsbl.threshold", 1.0,
        "the sum of the listing lists' weights that refuses the client at RCPT (550)");
    public static final Option<String> ZONE = Option.text("dnsbl.list.<name>.zone", null,
        "the list's DNS zone (required for each list)");
    public static final Option<Double> WEIGHT = Option.number("dnsbl.list.<name>.weight", 1.0,
        "what a listing adds; negative vouches (DNSWL)");
    public static final Option<List<IpNetwork>> CODES = Option.<List<IpNetwork>>of("dnsbl.list.<name>.codes",
        "networks or ranges such as 127.0.0.2-127.0.0.11", DnsListConfig::codes, List.of(),
        "answers that count as listed; an error answer (127.255.255.x) never counts").defaultReads("127.0.0.0/8");
    public static final Option<String> MESSAGE = Option.text("dnsbl.list.<name>.message", "$ip is listed in $list",
        "the refusal text; $ip and $list are replaced");
    public static final Option<DnsList.Kind> TYPE = Option.choice("dnsbl.list.<name>.type", DnsList.Kind.class, DnsList.Kind.IP,
        "ip: the client address; domain: the HELO and MAIL FROM domains (DBL); url: the hosts of the message's links (URIBL, SURBL)");
    public static final Option<Integer> MASK = Option.integer("dnsbl.list.<name>.mask", 0, 0, 255,
        "an answer counts only when its last octet has one of these bits (SURBL and URIBL multi lists: 2, 4, 8...); 0: any");
    public static final Option<Integer> URL_DOMAINS = Option.integer("dnsbl.urlDomains", 20, 1, 100,
        "at most this many distinct link domains (registrable domains, IP addresses) of one message are asked about");
    public static final OptionSection OPTIONS = OptionSection.of("dnsbl.", "DNS lists", THRESHOLD, URL_DOMAINS, ZONE, WEIGHT, CODES,
        MESSAGE, TYPE, MASK);
    private static final List<IpNetwork> DEFAULT_CODES = codes("dnsbl.list.<name>.codes", "127.0.0.0/8");

    private final double threshold;
    private final int urlDomains;
    private final List<DnsList> lists;

    private DnsListConfig(double threshold, int urlDomains, List<DnsList> lists) {
        this.threshold = threshold;
        this.urlDomains = urlDomains;
        this.lists = List.copyOf(lists);
    }

    public static DnsListConfig fromProperties(Map<String, String> p) {
        OptionValues values = OPTIONS.read(p);
        List<DnsList> lists = new ArrayList<>();
        for (String name : values.names(ZONE, WEIGHT, CODES, MESSAGE, TYPE, MASK)) {
            lists.add(new DnsList(name, values.require(ZONE, name), values.get(TYPE, name), values.get(WEIGHT, name),
                values.find(CODES, name).orElse(DEFAULT_CODES), values.get(MESSAGE, name), values.get(MASK, name)));
        }
        return new DnsListConfig(values.get(THRESHOLD), values.get(URL_DOMAINS), lists);
    }

    /** {@code dnsbl.urlDomains}: the most link domains of one message asked about. */
    public int urlDomains() {
        return urlDomains;
    }

    public double threshold() {
        return threshold;
    }

    public List<DnsList> lists() {
        return lists;
    }

    /** "127.0.0.2-127.0.0.11, 127.0.1.0/24" as networks (a range becomes host networks). */
    private static List<IpNetwork> codes(String key, String value) {
        List<IpNetwork> networks = new ArrayList<>();
        for (String entry : value.split("[,\\s]+")) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                int dash = entry.indexOf('-');
                if (dash < 0) {
                    networks.add(IpNetwork.parse(entry));
                    continue;
                }
                byte[] from = IpAddresses.parseLiteral(entry.substring(0, dash)).getAddress();
                byte[] to = IpAddresses.parseLiteral(entry.substring(dash + 1)).getAddress();
                if (from.length != 4 || to.length != 4 || from[0] != to[0] || from[1] != to[1] || from[2] != to[2]
                    || (from[3] & 0xff) > (to[3] & 0xff)) {
                    throw new IllegalArgumentException("range must stay within one /24");
                }
                for (int last = from[3] & 0xff; last <= (to[3] & 0xff); last++) {
                    byte[] code = from.clone();
                    code[3] = (byte) last;
                    networks.add(IpNetwork.ofBytes(code, 32));
                }
            } catch (IllegalArgumentException e) {
                throw ConfigValues.bad(key, entry, "networks or ranges such as 127.0.0.2-127.0.0.11");
            }
        }
        return networks;
    }
}
