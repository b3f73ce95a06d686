package org.tracewall.core.config;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.tracewall.core.dns.DnsConfig;

/**
 * Everything read from {@code conf/tracewall.properties}, as read: the raw keys and the resolver
 * settings every part shares. Each section checks its own keys when it reads them ({@link OptionSection}).
 */
public final class TracewallSettings {
    private final Map<String, String> raw;
    private final DnsConfig dns;

    private TracewallSettings(Map<String, String> raw) {
        this.raw = Map.copyOf(raw);
        this.dns = DnsConfig.fromProperties(raw);
    }

    /**
     * Keeps the properties, sorted, and reads the {@code dns.*} section.
     *
     * @throws IllegalArgumentException naming the first bad {@code dns.*} key
     */
    public static TracewallSettings from(Map<String, String> properties) {
        return new TracewallSettings(new TreeMap<>(properties));
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
