package org.tracewall.core.rate;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tracewall.core.config.Option;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.config.OptionValues;
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
    private static final Map<String, String> LIMIT_DOCS = Map.of(
        Limits.MESSAGES_PER_15M, "messages per 15 minutes from one client IP",
        Limits.MESSAGES_PER_DAY, "messages per day from one client IP",
        Limits.SENDER_MESSAGES_PER_15M, "messages per 15 minutes from one envelope sender",
        Limits.USER_MESSAGES_PER_15M, "messages per 15 minutes from one authenticated user",
        Limits.RECIPIENTS_PER_MESSAGE, "recipients of one message",
        Limits.CONNECTIONS_PER_MINUTE, "connections per minute from one client IP",
        Limits.USER_MESSAGES_PER_DAY, "messages per day from one authenticated user",
        Limits.USER_RECIPIENTS_PER_15M, "recipients per 15 minutes from one authenticated user (a sudden bulk send gets 452)");
    private static final List<Integer> LIMIT_DEFAULTS = List.of(200, 2000, 100, 300, 100, 60, 1000, 500);
    /** The limits for clients in no group, in the order of {@link Limits#NAMES}. */
    private static final List<Option<Integer>> LIMITS = limits("rate.", LIMIT_DEFAULTS, "");
    /** A group's own limits; an unset one is the group-less value. */
    private static final List<Option<Integer>> GROUP_LIMITS = limits("rate.group.<name>.", LIMIT_DEFAULTS, "the rate.* value");
    public static final Option<List<IpNetwork>> GROUP_CLIENTS = Option.networks("rate.group.<name>.clients",
        "client addresses and networks in the group");
    public static final Option<List<String>> GROUP_SENDERS = Option.list("rate.group.<name>.senders", null,
        "sender domains in the group (subdomains too)");
    public static final Option<List<IpNetwork>> EXEMPT_CLIENTS = Option.networks("rate.exempt.clients", "never limited");
    public static final Option<Integer> DSL_STRIKES = Option.integer("rate.dsl.strikes", 3, 0, 1000,
        "limits exceeded this often within rate.dsl.window put the client on the soft-bounce list (0: off)");
    public static final Option<Duration> DSL_WINDOW = Option.positiveDuration("rate.dsl.window", Duration.ofHours(1),
        "the window strikes are counted in");
    public static final Option<Duration> DSL_DURATION = Option.positiveDuration("rate.dsl.duration", Duration.ofHours(1),
        "how long a client stays on the soft-bounce list");
    public static final OptionSection OPTIONS = section();

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
        OptionValues values = OPTIONS.read(p);
        Limits defaults = Limits.of(read(values, LIMITS, LIMIT_DEFAULTS));
        List<PolicyGroup> groups = new ArrayList<>();
        List<Option<?>> groupOptions = new ArrayList<>(GROUP_LIMITS);
        groupOptions.add(GROUP_CLIENTS);
        groupOptions.add(GROUP_SENDERS);
        for (String name : values.names(groupOptions.toArray(new Option<?>[0]))) {
            groups.add(new PolicyGroup(name, values.get(GROUP_CLIENTS, name), values.get(GROUP_SENDERS, name),
                Limits.of(read(values, GROUP_LIMITS, defaults.values(), name))));
        }
        return new RateConfig(defaults, groups, values.get(EXEMPT_CLIENTS), values.get(DSL_STRIKES), values.get(DSL_WINDOW),
            values.get(DSL_DURATION));
    }

    private static List<Option<Integer>> limits(String prefix, List<Integer> defaults, String defaultText) {
        List<Option<Integer>> options = new ArrayList<>();
        for (int i = 0; i < Limits.NAMES.size(); i++) {
            String name = Limits.NAMES.get(i);
            Option<Integer> option = Option.integer(prefix + name, defaults.get(i), 0, 100_000_000, LIMIT_DOCS.get(name) + " (0: unlimited)");
            options.add(defaultText.isEmpty() ? option : option.defaultReads(defaultText));
        }
        return List.copyOf(options);
    }

    private static OptionSection section() {
        List<Option<?>> options = new ArrayList<>(LIMITS);
        options.addAll(List.of(EXEMPT_CLIENTS, DSL_STRIKES, DSL_WINDOW, DSL_DURATION, GROUP_CLIENTS, GROUP_SENDERS));
        options.addAll(GROUP_LIMITS);
        return OptionSection.of("rate.", "Rate and connection limits", options.toArray(new Option<?>[0]));
    }

    private static List<Integer> read(OptionValues values, List<Option<Integer>> options, List<Integer> base, String... names) {
        List<Integer> result = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            result.add(values.find(options.get(i), names).orElse(base.get(i)));
        }
        return result;
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
