package org.tracewall.greylist;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tracewall.core.net.IpNetwork;
import org.tracewall.core.store.FailOpen;
import org.tracewall.core.store.StateStore;
import org.tracewall.core.store.StoreUnavailableException;

/**
 * Greylisting on a {@link StateStore}: the first delivery attempt of a triplet
 * (client network, normalised sender, recipient) is deferred; a retry after the delay passes,
 * and so does the triplet for its lifetime. A client network with enough passed triplets is
 * whitelisted automatically. Whitelists come from configuration and from run-time lists in
 * the store (shared by all nodes). A store that is down lets mail through.
 */
public final class Greylist {
    /** The run-time whitelists an operator edits (WebAdmin). */
    public enum ListKind {
        CLIENTS("tw:gl:wl:clients"), SENDERS("tw:gl:wl:senders"), RECIPIENTS("tw:gl:wl:recipients");

        private final String set;

        ListKind(String set) {
            this.set = set;
        }

        /** Parses "clients", "senders", "recipients". */
        public static Optional<ListKind> of(String name) {
            for (ListKind kind : values()) {
                if (kind.name().equalsIgnoreCase(name)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    private static final String PASSED = "P";
    /** A passed triplet's lifetime is renewed at most this often (a write per decision is costly). */
    private static final long RENEW_AFTER_MILLIS = Duration.ofDays(1).toMillis();
    /** Run-time whitelists are read from the store at most this often per node. */
    static final long LIST_CACHE_MILLIS = 10_000;
    private static final Pattern BATV = Pattern.compile("^(?:prvs|msprvs1|btv1)=[^=]+=(.+)$");
    private static final Pattern SRS0 = Pattern.compile("^srs0[=+-][^=]+=[^=]+=([^=]+)=(.+)@.+$");
    private static final Pattern SRS1 = Pattern.compile("^srs1[=+-][^=]+=[^=]+==[^=]+=[^=]+=([^=]+)=(.+)@.+$");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?\\.[a-z0-9-]+");
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s]+@[a-z0-9]([a-z0-9.-]*[a-z0-9])?");

    private final StateStore store;
    private final GreylistConfig config;
    private final LongSupplier clockMillis;
    private final FailOpen failOpen = new FailOpen("greylist");
    private final Map<ListKind, CachedList> lists = new ConcurrentHashMap<>();

    public Greylist(StateStore store, GreylistConfig config) {
        this(store, config, System::currentTimeMillis);
    }

    public Greylist(StateStore store, GreylistConfig config, LongSupplier clockMillis) {
        this.store = Objects.requireNonNull(store);
        this.config = Objects.requireNonNull(config);
        this.clockMillis = Objects.requireNonNull(clockMillis);
    }

    public GreylistConfig config() {
        return config;
    }

    /** How many recipients were let through because the store was down. */
    public long failOpenCount() {
        return failOpen.count();
    }

    /**
     * @param sender the envelope sender, "" for the null sender
     */
    public GreylistVerdict check(InetAddress client, String sender, String recipient) {
        InetAddress ip = IpNetwork.normalize(client);
        String rcpt = recipient.toLowerCase(Locale.ROOT);
        String from = normalizeSender(sender);
        IpNetwork network = IpNetwork.of(ip, IpNetwork.isIpv4(ip) ? config.ipv4Prefix() : config.ipv6Prefix());
        try {
            Optional<String> listed = whitelisted(ip, from, rcpt);
            if (listed.isPresent()) {
                return GreylistVerdict.pass(listed.get());
            }
            if (store.get("tw:gl:awl:" + network).isPresent()) {
                return GreylistVerdict.pass("auto-whitelisted client " + network);
            }
            return checkTriplet(network, "tw:gl:t:" + network + "|" + from + "|" + rcpt);
        } catch (StoreUnavailableException e) {
            failOpen.record(e);
            return GreylistVerdict.failOpen("state store unavailable");
        }
    }

    private GreylistVerdict checkTriplet(IpNetwork network, String key) {
        long now = clockMillis.getAsLong();
        Optional<String> seen = store.get(key);
        if (seen.isEmpty()) {
            if (store.putIfAbsent(key, Long.toString(now), config.retryWindow())) {
                return GreylistVerdict.defer("new triplet", config.delay());
            }
            seen = store.get(key);
        }
        if (seen.isEmpty() || seen.get().startsWith(PASSED)) {
            if (seen.isEmpty() || passedAt(seen.get()) + RENEW_AFTER_MILLIS <= now) {
                store.put(key, PASSED + now, config.lifetime());
            }
            return GreylistVerdict.pass("known triplet");
        }
        long waited = now - Long.parseLong(seen.get());
        if (waited < config.delay().toMillis()) {
            return GreylistVerdict.defer("retried too early", config.delay().minusMillis(waited));
        }
        store.put(key, PASSED + now, config.lifetime());
        long passed = store.increment("tw:gl:c:" + network, config.lifetime());
        if (config.autoWhitelistAfter() > 0 && passed >= config.autoWhitelistAfter()) {
            store.put("tw:gl:awl:" + network, Long.toString(now), config.lifetime());
        }
        return GreylistVerdict.pass("retried after " + Duration.ofMillis(waited).toSeconds() + "s");
    }

    private Optional<String> whitelisted(InetAddress ip, String sender, String recipient) {
        for (IpNetwork network : config.whitelistedClients()) {
            if (network.contains(ip)) {
                return Optional.of("whitelisted client " + network);
            }
        }
        for (String entry : listed(ListKind.CLIENTS)) {
            if (IpNetwork.parse(entry).contains(ip)) {
                return Optional.of("whitelisted client " + entry);
            }
        }
        Optional<String> bySender = matchAddress(sender, config.whitelistedSenders(), listed(ListKind.SENDERS));
        if (bySender.isPresent()) {
            return Optional.of("whitelisted sender " + bySender.get());
        }
        return matchAddress(recipient, config.whitelistedRecipients(), listed(ListKind.RECIPIENTS))
            .map(entry -> "whitelisted recipient " + entry);
    }

    /** An entry is an address, or a domain that also covers its subdomains. */
    private static Optional<String> matchAddress(String address, Iterable<String> configured, Set<String> runtime) {
        if (address.isEmpty()) {
            return Optional.empty();
        }
        String domain = address.substring(address.lastIndexOf('@') + 1);
        for (Iterable<String> entries : List.of(configured, runtime)) {
            for (String entry : entries) {
                if (entry.equals(address) || entry.equals(domain) || domain.endsWith("." + entry)) {
                    return Optional.of(entry);
                }
            }
        }
        return Optional.empty();
    }

    /** Adds an entry to a run-time whitelist, validated; other nodes see it within 10 seconds. */
    public void whitelist(ListKind kind, String entry) {
        store.addToSet(kind.set, validate(kind, entry));
        lists.remove(kind);
    }

    public void unwhitelist(ListKind kind, String entry) {
        store.removeFromSet(kind.set, validate(kind, entry));
        lists.remove(kind);
    }

    /** A run-time whitelist, from a short-lived cache. */
    private Set<String> listed(ListKind kind) {
        long now = clockMillis.getAsLong();
        CachedList cached = lists.get(kind);
        if (cached == null || now - cached.readAt >= LIST_CACHE_MILLIS || now < cached.readAt) {
            cached = new CachedList(store.members(kind.set), now);
            lists.put(kind, cached);
        }
        return cached.members;
    }

    private static long passedAt(String value) {
        return value.length() > 1 ? Long.parseLong(value.substring(1)) : 0;
    }

    private static final class CachedList {
        private final Set<String> members;
        private final long readAt;

        CachedList(Set<String> members, long readAt) {
            this.members = members;
            this.readAt = readAt;
        }
    }

    public Set<String> whitelisted(ListKind kind) {
        return store.members(kind.set);
    }

    /**
     * The canonical form of an entry.
     *
     * @throws IllegalArgumentException when it is not an IP/network (clients) or a domain or address
     */
    public static String validate(ListKind kind, String entry) {
        String value = entry.trim().toLowerCase(Locale.ROOT);
        if (kind == ListKind.CLIENTS) {
            return IpNetwork.parse(value).toString();
        }
        if (DOMAIN.matcher(value).matches() || ADDRESS.matcher(value).matches()) {
            return value;
        }
        throw new IllegalArgumentException("'" + entry + "' is not a domain or an address");
    }

    /**
     * The sender as greylisting compares it: lower case, BATV and SRS wrappers removed, digit
     * runs in the local part (VERP and per-message tags) replaced by '#', as postgrey does.
     */
    public static String normalizeSender(String sender) {
        String s = sender == null ? "" : sender.trim().toLowerCase(Locale.ROOT);
        int at = s.lastIndexOf('@');
        if (at < 0) {
            return s;
        }
        Matcher srs1 = SRS1.matcher(s);
        Matcher srs0 = SRS0.matcher(s);
        if (srs1.matches()) {
            s = srs1.group(2) + "@" + srs1.group(1);
        } else if (srs0.matches()) {
            s = srs0.group(2) + "@" + srs0.group(1);
        }
        at = s.lastIndexOf('@');
        String local = s.substring(0, at);
        Matcher batv = BATV.matcher(local);
        if (batv.matches()) {
            local = batv.group(1);
        }
        return DIGITS.matcher(local).replaceAll("#") + s.substring(at);
    }
}
