package org.tracewall.core.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.tracewall.core.dns.DnsConfig;

/**
 * Everything read from {@code conf/tracewall.properties}, validated once at startup. Unknown
 * keys are refused (a typo such as {@code dns.server} must not silently fall back to a default).
 */
public final class TracewallSettings {
    /** Key prefixes owned by a section of the settings; each section validates its own keys. */
    private static final List<String> KNOWN_PREFIXES = List.of("dns.", "traceability.", "store.", "greylist.", "rate.",
        "dnsbl.", "score.", "bayes.", "attachments.", "quarantine.", "auth.", "webadmin.");

    private final Map<String, String> raw;
    private final DnsConfig dns;

    private TracewallSettings(Map<String, String> raw) {
        this.raw = Map.copyOf(raw);
        this.dns = DnsConfig.fromProperties(raw);
    }

    /**
     * Validates and keeps the properties.
     *
     * @throws IllegalArgumentException naming the first bad key
     */
    public static TracewallSettings from(Map<String, String> properties) {
        Map<String, String> sorted = new TreeMap<>(properties);
        for (String key : sorted.keySet()) {
            if (KNOWN_PREFIXES.stream().noneMatch(key::startsWith)) {
                throw new IllegalArgumentException("Unknown key '" + key + "' in tracewall.properties (known prefixes: "
                    + String.join(", ", KNOWN_PREFIXES) + ")");
            }
        }
        return new TracewallSettings(sorted);
    }

    public static TracewallSettings defaults() {
        return from(Map.of());
    }

    public DnsConfig dns() {
        return dns;
    }

    /** The raw value of a key, for sections parsed by their own component. */
    public String get(String key, String defaultValue) {
        return raw.getOrDefault(key, defaultValue);
    }

    /** All raw keys and values, sorted. */
    public Map<String, String> asMap() {
        return raw;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TracewallSettings && ((TracewallSettings) o).raw.equals(raw);
    }

    @Override
    public int hashCode() {
        return Objects.hash(raw);
    }
}
