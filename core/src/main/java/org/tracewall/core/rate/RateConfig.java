package org.tracewall.core.rate;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tracewall.core.config.ConfigValues;
import org.tracewall.core.net.IpNetwork;

/**
 * The {@code rate.*} keys of tracewall.properties (sendmail's ratecontrol, conncontrol,
 * policy-group quotas, the DSL soft-bounce list). 0 means unlimited.
 *
 * <pre>
 * rate.messagesPer15m=200          # per client IP
 * rate.messagesPerDay=2000         # per client IP
 * rate.senderMessagesPer15m=100    # per envelope sender
 * rate.userMessagesPer15m=300      # per authenticated user
 * rate.recipientsPerMessage=100
 * rate.connectionsPerMinute=60     # per client IP
 * rate.exempt.clients=127.0.0.1, 192.0.2.0/24
 * rate.dsl.strikes=3               # limits exceeded this often within rate.dsl.window ...
 * rate.dsl.window=1h
 * rate.dsl.duration=1h             # ... put the client on the soft-bounce list this long
 * rate.group.partners.clients=198.51.100.0/24
 * rate.group.partners.senders=partner.example
 * rate.group.partners.messagesPer15m=2000
 * </pre>
 */
public final class RateConfig {
    public static final String PREFIX = "rate.";
    private static final Pattern GROUP_KEY = Pattern.compile("rate\\.group\\.([A-Za-z0-9_-]+)\\.(\\w+)");
    private static final Set<String> LIMIT_NAMES = Set.of(Limits.MESSAGES_PER_15M, Limits.MESSAGES_PER_DAY,
        Limits.SENDER_MESSAGES_PER_15M, Limits.USER_MESSAGES_PER_15M, Limits.RECIPIENTS_PER_MESSAGE, Limits.CONNECTIONS_PER_MINUTE);
    private static final Set<String> GLOBAL_KEYS = Set.of("rate.exempt.clients", "rate.dsl.strikes", "rate.dsl.window",
        "rate.dsl.duration");

    private final Limits defaults;
    private final List<PolicyGroup> groups;
    private final List<IpNetwork> exempt;
    private final int dslStrikes;
    private final Duration dslWindow;
    private final Duration dslDuration;

    private RateConfig(Limits defaults, List<PolicyGroup> groups, List<IpNetwork> exempt, int dslStrikes, Duration dslWindow,
                       Duration dslDuration) {
        this.defaults = defaults;
        this.groups = List.copyOf(groups);
        this.exempt = List.copyOf(exempt);
        this.dslStrikes = dslStrikes;
        this.dslWindow = dslWindow;
        this.dslDuration = dslDuration;
    }

    public static RateConfig defaults() {
        return fromProperties(Map.of());
    }

    /**
     * @throws IllegalArgumentException naming the bad or unknown key
     */
    public static RateConfig fromProperties(Map<String, String> p) {
        Set<String> groupNames = new TreeSet<>();
        for (String key : p.keySet()) {
            if (!key.startsWith(PREFIX)) {
                continue;
            }
            Matcher group = GROUP_KEY.matcher(key);
            if (group.matches()) {
                String attribute = group.group(2);
                if (!LIMIT_NAMES.contains(attribute) && !attribute.equals("clients") && !attribute.equals("senders")) {
                    throw new IllegalArgumentException("Unknown key '" + key + "' (a group takes clients, senders and "
                        + String.join(", ", LIMIT_NAMES) + ")");
                }
                groupNames.add(group.group(1));
            } else if (!GLOBAL_KEYS.contains(key) && !LIMIT_NAMES.contains(key.substring(PREFIX.length()))) {
                throw new IllegalArgumentException("Unknown key '" + key + "'");
            }
        }
        Limits defaults = Limits.read(p, PREFIX, Limits.defaults());
        List<PolicyGroup> groups = new ArrayList<>();
        for (String name : groupNames) {
            String prefix = PREFIX + "group." + name + ".";
            groups.add(new PolicyGroup(name, ConfigValues.networks(p, prefix + "clients"), ConfigValues.list(p.getOrDefault(prefix + "senders", "")),
                Limits.read(p, prefix, defaults)));
        }
        return new RateConfig(defaults, groups, ConfigValues.networks(p, "rate.exempt.clients"),
            ConfigValues.intInRange("rate.dsl.strikes", p.getOrDefault("rate.dsl.strikes", "3"), 0, 1000),
            ConfigValues.duration("rate.dsl.window", p.getOrDefault("rate.dsl.window", "1h")),
            ConfigValues.duration("rate.dsl.duration", p.getOrDefault("rate.dsl.duration", "1h")));
    }

    /** The first group the client or sender belongs to, else the default limits. */
    public Limits limitsFor(InetAddress ip, String sender) {
        for (PolicyGroup group : groups) {
            if (group.matches(ip, sender)) {
                return group.limits();
            }
        }
        return defaults;
    }

    public List<PolicyGroup> groups() {
        return groups;
    }

    public boolean isExempt(InetAddress ip) {
        return exempt.stream().anyMatch(n -> n.contains(ip));
    }

    /** 0: the soft-bounce list is off. */
    public int dslStrikes() {
        return dslStrikes;
    }

    public Duration dslWindow() {
        return dslWindow;
    }

    public Duration dslDuration() {
        return dslDuration;
    }
}
