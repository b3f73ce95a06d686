package org.tracewall.core.dnsbl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tracewall.core.config.ConfigValues;
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
    public static final String PREFIX = "dnsbl.";
    private static final Pattern LIST_KEY = Pattern.compile("dnsbl\\.list\\.([A-Za-z0-9_-]+)\\.(zone|weight|codes|message|type)");
    private static final String DEFAULT_MESSAGE = "$ip is listed in $list";

    private final double threshold;
    private final List<DnsList> lists;

    private DnsListConfig(double threshold, List<DnsList> lists) {
        this.threshold = threshold;
        this.lists = List.copyOf(lists);
    }

    public static DnsListConfig fromProperties(Map<String, String> p) {
        Set<String> names = new TreeSet<>();
        for (String key : p.keySet()) {
            if (!key.startsWith(PREFIX) || key.equals("dnsbl.threshold")) {
                continue;
            }
            Matcher m = LIST_KEY.matcher(key);
            if (!m.matches()) {
                throw new IllegalArgumentException("Unknown key '" + key + "' (dnsbl.threshold, dnsbl.list.<name>.zone|weight|codes|message|type)");
            }
            names.add(m.group(1));
        }
        List<DnsList> lists = new ArrayList<>();
        for (String name : names) {
            String prefix = PREFIX + "list." + name + ".";
            String zone = p.get(prefix + "zone");
            if (zone == null || zone.isBlank()) {
                throw new IllegalArgumentException("Missing key '" + prefix + "zone'");
            }
            String type = p.getOrDefault(prefix + "type", "ip").trim().toLowerCase(Locale.ROOT);
            if (!type.equals("ip") && !type.equals("domain")) {
                throw ConfigValues.bad(prefix + "type", type, "ip or domain");
            }
            lists.add(new DnsList(name, zone.trim(), type.equals("ip") ? DnsList.Kind.IP : DnsList.Kind.DOMAIN,
                number(prefix + "weight", p.getOrDefault(prefix + "weight", "1.0")),
                codes(prefix + "codes", p.getOrDefault(prefix + "codes", "127.0.0.0/8")),
                p.getOrDefault(prefix + "message", DEFAULT_MESSAGE).trim()));
        }
        return new DnsListConfig(number("dnsbl.threshold", p.getOrDefault("dnsbl.threshold", "1.0")), lists);
    }

    public double threshold() {
        return threshold;
    }

    public List<DnsList> lists() {
        return lists;
    }

    private static double number(String key, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw ConfigValues.bad(key, value, "a number");
        }
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
