package org.tracewall.core.trace;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.tracewall.core.config.ConfigValues;
import org.tracewall.core.config.LiveSettings;
import org.tracewall.core.domain.DomainNames;
import org.tracewall.core.net.IpNetwork;
import org.tracewall.core.store.StateStore;

/**
 * The trusted registry and compensation entries an operator adds at run time (WebAdmin), kept in
 * the state store so that every node applies them within {@value LiveSettings#REFRESH_MILLIS} ms:
 * {@code registry.<domain>=trusted|untrusted} and {@code compensation.<domain>=<networks>}. They
 * come before the files' entries (the operator's word is the latest), and cover subdomains as
 * the files' do. The files stay the initial content, each on its own node.
 */
public final class SharedTraceEntries {
    static final String REGISTRY = "registry.";
    static final String COMPENSATION = "compensation.";

    private final LiveSettings<Map<String, TrustedRegistry.Answer>> registry;
    private final LiveSettings<Map<String, List<IpNetwork>>> compensation;

    public SharedTraceEntries(Supplier<StateStore> store, LongSupplier clock) {
        this.registry = new LiveSettings<>(REGISTRY, Map.of(), SharedTraceEntries::registryEntries, store, clock);
        this.compensation = new LiveSettings<>(COMPENSATION, Map.of(), SharedTraceEntries::compensationEntries, store, clock);
    }

    /** The run-time registry entries, by domain. */
    public Map<String, TrustedRegistry.Answer> registryEntries() {
        return registry.current();
    }

    /**
     * @throws IllegalArgumentException naming the bad domain (nothing is kept then)
     */
    public void trust(String domain, TrustedRegistry.Answer answer) {
        if (answer != TrustedRegistry.Answer.TRUSTED && answer != TrustedRegistry.Answer.UNTRUSTED) {
            throw new IllegalArgumentException("a registry entry is trusted or untrusted, not " + answer);
        }
        registry.set(Map.of(REGISTRY + domain(domain), answer.name().toLowerCase(Locale.ROOT)));
    }

    public void untrust(String domain) {
        registry.remove(List.of(REGISTRY + domain.trim().toLowerCase(Locale.ROOT)));
    }

    /** The run-time compensation entries, by domain. */
    public Map<String, List<IpNetwork>> compensationEntries() {
        return compensation.current();
    }

    /**
     * @throws IllegalArgumentException naming the bad domain or network (nothing is kept then)
     */
    public void compensate(String domain, Collection<String> networks) {
        compensation.set(Map.of(COMPENSATION + domain(domain), String.join(" ", networks)));
    }

    public void uncompensate(String domain) {
        compensation.remove(List.of(COMPENSATION + domain.trim().toLowerCase(Locale.ROOT)));
    }

    /** The run-time entries as a registry, asked before the file's and the DNS zone's. */
    TrustedRegistry asRegistry() {
        return new TrustedRegistry() {
            @Override
            public Answer lookup(String name) {
                return DomainEntries.mostSpecific(registryEntries(), name).orElse(Answer.UNLISTED);
            }

            @Override
            public String describe() {
                return "run-time entries";
            }
        };
    }

    /** The network of the run-time entries that covers {@code ip} for {@code domain} (or a parent domain), if any. */
    Optional<IpNetwork> compensated(String domain, InetAddress ip) {
        return DomainEntries.covering(compensationEntries(), domain, ip);
    }

    private static String domain(String domain) {
        String lower = domain.trim().toLowerCase(Locale.ROOT);
        if (!DomainNames.isHostName(lower)) {
            throw new IllegalArgumentException("'" + domain + "' is not a domain name");
        }
        return lower;
    }

    private static Map<String, TrustedRegistry.Answer> registryEntries(Map<String, String> settings) {
        Map<String, TrustedRegistry.Answer> entries = new TreeMap<>();
        settings.forEach((key, value) -> {
            String answer = value.trim().toLowerCase(Locale.ROOT);
            if (!answer.equals("trusted") && !answer.equals("untrusted")) {
                throw ConfigValues.bad(key, value, "trusted or untrusted");
            }
            entries.put(key.substring(REGISTRY.length()), answer.equals("trusted") ? TrustedRegistry.Answer.TRUSTED
                : TrustedRegistry.Answer.UNTRUSTED);
        });
        return entries;
    }

    private static Map<String, List<IpNetwork>> compensationEntries(Map<String, String> settings) {
        Map<String, List<IpNetwork>> entries = new TreeMap<>();
        settings.forEach((key, value) -> {
            List<IpNetwork> networks = new ArrayList<>(ConfigValues.networks(key, value));
            if (networks.isEmpty()) {
                throw ConfigValues.bad(key, value, "one or more networks");
            }
            entries.put(key.substring(COMPENSATION.length()), List.copyOf(networks));
        });
        return entries;
    }
}
