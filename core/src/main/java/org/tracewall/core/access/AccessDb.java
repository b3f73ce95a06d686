package org.tracewall.core.access;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.tracewall.core.config.ReloadingFile;
import org.tracewall.core.net.IpNetwork;

/**
 * sendmail's access database, read from a text file in makemap's input format and
 * re-read when it changes; bad lines are reported with their number and skipped.
 *
 * <pre>
 * # tag:key                  action
 * Connect:192.0.2            REJECT
 * Connect:IPv6:2001:db8::/32 REJECT
 * Connect:198.51.100.7       RELAY
 * From:spammer@example.com   ERROR:5.7.1:"Go away"
 * From:example.net           DISCARD
 * To:sales@tracewall.local   ERROR:4.2.2:Mailbox full
 * Spam:postmaster@           FRIEND
 * partner.example            OK         # untagged: applies to Connect, From and To
 * </pre>
 *
 * Lookups go from most to least specific, as sendmail's do: the longest address prefix; for a
 * mail address the full address, then the domain and its parents, then "local@".
 */
public final class AccessDb {
    /** The left-hand tag of an entry. */
    public enum Tag { CONNECT, FROM, TO, SPAM }

    private final ReloadingFile<Map<String, AccessAction>> file;
    /** The operator's run-time entries (the state store's, every node's), over the file's. */
    private final Supplier<Map<String, AccessAction>> shared;
    /** The file's and the shared entries together, made again only when either changes. */
    private volatile Merged merged = new Merged(null, null, Map.of());

    public AccessDb(Path path) {
        this(path, Map::of);
    }

    /** @param shared run-time entries in {@link #entries} form, which win over the file's */
    public AccessDb(Path path, Supplier<Map<String, AccessAction>> shared) {
        this.file = new ReloadingFile<>(path, AccessDb::parse, Map.of());
        this.shared = shared;
    }

    /**
     * Entries as the file writes them ({@code Connect:192.0.2}, {@code From:spam.example},
     * {@code example.com}) with their actions, read as the file's lines are.
     *
     * @param keyPrefix what the names carry before the entry ({@code access.}), named in errors
     * @throws IllegalArgumentException naming the bad entry
     */
    public static Map<String, AccessAction> entries(String keyPrefix, Map<String, String> raw) {
        Map<String, AccessAction> entries = new HashMap<>();
        raw.forEach((name, action) -> {
            try {
                entries.put(key(name.substring(keyPrefix.length())), AccessAction.parse(action));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
            }
        });
        return entries;
    }

    /**
     * One spelling per entry, as the run-time entries are kept: {@code Connect:192.0.2} and
     * {@code connect:192.0.2} are one entry, {@code connect:192.0.2}; an untagged one stays untagged.
     *
     * @throws IllegalArgumentException for an entry the file would refuse
     */
    public static String canonical(String entry) {
        String key = key(entry);
        return key.startsWith("*:") ? key.substring(2) : key;
    }

    private Map<String, AccessAction> current() {
        Map<String, AccessAction> fromFile = file.current();
        Map<String, AccessAction> atRunTime = shared.get();
        Merged last = merged;
        if (last.fromFile == fromFile && last.atRunTime == atRunTime) {
            return last.entries;
        }
        Map<String, AccessAction> entries = fromFile;
        if (!atRunTime.isEmpty()) {
            entries = new HashMap<>(fromFile);
            entries.putAll(atRunTime);
        }
        merged = new Merged(fromFile, atRunTime, entries);
        return entries;
    }

    /** Two sources and what they make together. */
    private static final class Merged {
        final Map<String, AccessAction> fromFile;
        final Map<String, AccessAction> atRunTime;
        final Map<String, AccessAction> entries;

        Merged(Map<String, AccessAction> fromFile, Map<String, AccessAction> atRunTime, Map<String, AccessAction> entries) {
            this.fromFile = fromFile;
            this.atRunTime = atRunTime;
            this.entries = entries;
        }
    }

    public List<String> problems() {
        return file.problems();
    }

    /** The action for a connecting address. */
    public Optional<AccessAction> connect(InetAddress client) {
        Map<String, AccessAction> entries = current();
        InetAddress ip = IpNetwork.normalize(client);
        if (IpNetwork.isIpv4(ip)) {
            String[] octets = ip.getHostAddress().split("\\.");
            for (int n = 4; n >= 1; n--) {
                String prefix = String.join(".", Arrays.copyOf(octets, n));
                Optional<AccessAction> found = find(entries, Tag.CONNECT, prefix);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        AccessAction best = null;
        int bestPrefix = -1;
        for (Map.Entry<String, AccessAction> entry : entries.entrySet()) {
            String key = entry.getKey();
            String network = key.startsWith("connect:ipv6:") ? key.substring(13) : key.startsWith("*:ipv6:") ? key.substring(7) : null;
            if (network == null) {
                continue;
            }
            IpNetwork parsed = IpNetwork.parse(network);
            if (parsed.contains(ip) && parsed.prefix() > bestPrefix) {
                best = entry.getValue();
                bestPrefix = parsed.prefix();
            }
        }
        return Optional.ofNullable(best);
    }

    /** The action for a sender (From:) or recipient (To:, Spam:) address. */
    public Optional<AccessAction> address(Tag tag, String address) {
        Map<String, AccessAction> entries = current();
        String a = address.toLowerCase(Locale.ROOT);
        Optional<AccessAction> exact = find(entries, tag, a);
        if (exact.isPresent() || a.isEmpty()) {
            return exact;
        }
        int at = a.lastIndexOf('@');
        String domain = at < 0 ? a : a.substring(at + 1);
        while (!domain.isEmpty()) {
            Optional<AccessAction> byDomain = find(entries, tag, domain);
            if (byDomain.isPresent()) {
                return byDomain;
            }
            int dot = domain.indexOf('.');
            domain = dot < 0 ? "" : domain.substring(dot + 1);
        }
        return at < 0 ? Optional.empty() : find(entries, tag, a.substring(0, at + 1));
    }

    private static Optional<AccessAction> find(Map<String, AccessAction> entries, Tag tag, String key) {
        AccessAction tagged = entries.get(tag.name().toLowerCase(Locale.ROOT) + ":" + key);
        if (tagged != null) {
            return Optional.of(tagged);
        }
        // Untagged entries apply to Connect, From and To (not to Spam).
        return tag == Tag.SPAM ? Optional.empty() : Optional.ofNullable(entries.get("*:" + key));
    }

    private static Map<String, AccessAction> parse(List<String> lines, List<String> problems) {
        Map<String, AccessAction> entries = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String[] fields = ReloadingFile.fields(line.replaceAll("\"[^\"]*\"", "\"\""));
            if (fields.length == 0) {
                continue;
            }
            String trimmed = line.trim();
            int split = trimmed.indexOf(fields[0]) + fields[0].length();
            String value = trimmed.substring(split).trim();
            int hash = value.indexOf(" #");
            if (hash >= 0 && value.lastIndexOf('"') < hash) {
                value = value.substring(0, hash).trim();
            }
            try {
                entries.put(key(fields[0]), AccessAction.parse(value));
            } catch (IllegalArgumentException e) {
                problems.add("line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return entries;
    }

    /** "192", "192.0", "192.0.2", "192.0.2.1": one to four octets of 0..255. */
    private static boolean isOctetPrefix(String value) {
        String[] octets = value.split("\\.", -1);
        if (octets.length > 4) {
            return false;
        }
        for (String octet : octets) {
            if (!octet.matches("\\d{1,3}") || Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    /** "Connect:192.0.2" -> "connect:192.0.2"; untagged "example.com" -> "*:example.com"; validated. */
    private static String key(String raw) {
        String k = raw.toLowerCase(Locale.ROOT);
        int colon = k.indexOf(':');
        String tag = colon < 0 ? "*" : k.substring(0, colon);
        String rest = colon < 0 ? k : k.substring(colon + 1);
        if (colon >= 0 && !tag.equals("connect") && !tag.equals("from") && !tag.equals("to") && !tag.equals("spam")) {
            if (tag.equals("ipv6")) {
                tag = "*";
                rest = k;
            } else {
                throw new IllegalArgumentException("unknown tag '" + raw.substring(0, colon) + ":' (Connect:, From:, To:, Spam:)");
            }
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("empty key");
        }
        if (rest.startsWith("ipv6:")) {
            IpNetwork.parse(rest.substring(5));
        } else if (rest.matches("[0-9.]+") && !isOctetPrefix(rest)) {
            throw new IllegalArgumentException("bad address prefix '" + rest + "'");
        }
        return tag + ":" + rest;
    }
}
