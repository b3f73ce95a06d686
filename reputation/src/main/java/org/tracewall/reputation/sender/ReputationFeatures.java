package org.tracewall.reputation.sender;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.tracewall.core.net.IpAddresses;
import org.tracewall.core.net.IpNetwork;

/**
 * What a message's reputation is learned and read by, each a key of its own: the client address,
 * its network (/24, or /64 for IPv6), the sender's domain, the HELO name, the
 * {@code X-Originating-IP} of webmail, the domains of its links, and its cluster. The cluster
 * joins mail that shares the shape of its source rather than its address: the HELO name with its
 * digits folded ({@code dsl-12-34.example.net} and {@code dsl-56-78.example.net} are one shape),
 * the sender's domain and the first link domain. A spammer's new address in a known cluster
 * starts with the cluster's reputation instead of a clean slate.
 */
public final class ReputationFeatures {
    /** Compiled once: {@code String.replaceAll} compiles its pattern on each call, once per message here. */
    private static final Pattern DIGIT_RUNS = Pattern.compile("[0-9]+");
    private static final int MAX_URL_DOMAINS = 5;
    static final int MAX_VALUE_CHARS = 255;

    private final List<String> keys;

    private ReputationFeatures(List<String> keys) {
        this.keys = Collections.unmodifiableList(keys);
    }

    /**
     * @param senderDomain the MAIL FROM domain, or "" for the null sender
     * @param originatingIp the X-Originating-IP header's address, or null
     * @param urlDomains registrable domains of the links, in order
     */
    public static ReputationFeatures of(InetAddress client, String senderDomain, String helo, InetAddress originatingIp,
                                        List<String> urlDomains) {
        Set<String> keys = new LinkedHashSet<>();
        InetAddress ip = IpNetwork.normalize(client);
        keys.add("ip:" + IpAddresses.readable(ip));
        keys.add("net:" + IpNetwork.of(ip, IpNetwork.isIpv4(ip) ? 24 : 64));
        String domain = bounded(senderDomain);
        if (!domain.isEmpty()) {
            keys.add("domain:" + domain);
        }
        String name = bounded(helo);
        if (!name.isEmpty()) {
            keys.add("helo:" + name);
        }
        if (originatingIp != null) {
            keys.add("xoip:" + IpAddresses.readable(IpNetwork.normalize(originatingIp)));
        }
        urlDomains.stream().limit(MAX_URL_DOMAINS).forEach(url -> keys.add("url:" + bounded(url)));
        keys.add("cluster:" + shape(name) + "|" + domain + "|" + (urlDomains.isEmpty() ? "" : bounded(urlDomains.get(0))));
        return new ReputationFeatures(new ArrayList<>(keys));
    }

    /**
     * Lower case, at most {@value #MAX_VALUE_CHARS} characters: a domain name is never longer, and a
     * HELO name the client chose must not make the keys (and the signed origin) grow with it.
     */
    private static String bounded(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return lower.length() <= MAX_VALUE_CHARS ? lower : lower.substring(0, MAX_VALUE_CHARS);
    }

    /** A name with its digit runs folded to "#": the shape that a pool of dynamic hosts shares. */
    static String shape(String name) {
        return DIGIT_RUNS.matcher(name).replaceAll("#");
    }

    /** The features as {@link #keys()} gave them, carried in a mail attribute from the check to the outcome. */
    public static ReputationFeatures ofKeys(List<String> keys) {
        return new ReputationFeatures(new ArrayList<>(keys));
    }

    /** "kind:value" keys, the client address first. */
    public List<String> keys() {
        return keys;
    }
}
