package org.tracewall.core.honeypot;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.tracewall.core.config.Option;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.config.OptionValues;

/** The {@code honeypot.*} section: trap addresses, and how long a client that wrote to one stays suspect. */
public final class HoneypotConfig {
    public static final Option<List<String>> ADDRESSES = Option.list("honeypot.addresses", null,
        "trap addresses (published where only harvesters find them): mail to them is never delivered and teaches Tracewall")
        .requiring(addresses -> addresses.stream().allMatch(a -> a.trim().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")),
            "addresses like trap@example.com");
    public static final Option<Duration> CLIENT_MEMORY = Option.positiveDuration("honeypot.clientMemory", Duration.ofDays(7),
        "how long a client address that wrote to a trap gives its later mail HONEYPOT_CLIENT");
    public static final OptionSection OPTIONS = OptionSection.of("honeypot.", "Honeypots", ADDRESSES, CLIENT_MEMORY);

    private final Set<String> addresses;
    private final Duration clientMemory;

    private HoneypotConfig(Set<String> addresses, Duration clientMemory) {
        this.addresses = Set.copyOf(addresses);
        this.clientMemory = clientMemory;
    }

    public static HoneypotConfig fromProperties(Map<String, String> properties) {
        OptionValues values = OPTIONS.read(properties);
        Set<String> addresses = values.get(ADDRESSES).stream().map(a -> a.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return new HoneypotConfig(addresses, values.get(CLIENT_MEMORY));
    }

    /** Whether mail to this address is trapped (case-insensitive). */
    public boolean isTrap(String address) {
        return addresses.contains(address.toLowerCase(Locale.ROOT));
    }

    /** The trap addresses, sorted, lower case. */
    public List<String> addresses() {
        return addresses.stream().sorted().collect(Collectors.toList());
    }

    public boolean isEmpty() {
        return addresses.isEmpty();
    }

    public Duration clientMemory() {
        return clientMemory;
    }
}
