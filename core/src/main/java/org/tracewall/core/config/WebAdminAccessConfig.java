package org.tracewall.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code webadmin.*} keys of tracewall.properties: which Host names WebAdmin answers to and
 * which browser origins may call it. WebAdmin is an HTTP API for scripts; a browser page on some
 * other site must never reach it (cross-site requests), and neither must a page that rebinds its
 * own name to 127.0.0.1 (DNS rebinding: the browser then sends that page's name as Host).
 *
 * <pre>
 * webadmin.allowedHosts=localhost, 127.0.0.1, [::1]   # Host header names (port ignored)
 * webadmin.allowedOrigins=                           # browser origins allowed, e.g. https://admin.example.com; none by default
 * </pre>
 */
public final class WebAdminAccessConfig {
    private static final String HOSTS = "webadmin.allowedHosts";
    private static final String ORIGINS = "webadmin.allowedOrigins";
    private static final Set<String> KEYS = Set.of(HOSTS, ORIGINS);

    private final List<String> allowedHosts;
    private final List<String> allowedOrigins;

    private WebAdminAccessConfig(List<String> allowedHosts, List<String> allowedOrigins) {
        this.allowedHosts = List.copyOf(allowedHosts);
        this.allowedOrigins = List.copyOf(allowedOrigins);
    }

    /**
     * @throws IllegalArgumentException naming the bad or unknown key
     */
    public static WebAdminAccessConfig fromProperties(Map<String, String> p) {
        for (String key : p.keySet()) {
            if (key.startsWith("webadmin.") && !KEYS.contains(key)) {
                throw new IllegalArgumentException("Unknown key '" + key + "' (known: " + String.join(", ", KEYS) + ")");
            }
        }
        List<String> hosts = list(p.getOrDefault(HOSTS, "localhost, 127.0.0.1, [::1]"));
        if (hosts.isEmpty()) {
            throw ConfigValues.bad(HOSTS, p.get(HOSTS), "at least one host name");
        }
        List<String> origins = list(p.getOrDefault(ORIGINS, ""));
        for (String origin : origins) {
            if (!origin.matches("https?://[^/\\s]+")) {
                throw ConfigValues.bad(ORIGINS, origin, "origins such as https://admin.example.com (scheme and host, no path)");
            }
        }
        return new WebAdminAccessConfig(hosts, origins);
    }

    /** Whether a request's Host header (name, optional port) names this server. */
    public boolean isAllowedHost(String hostHeader) {
        if (hostHeader == null) {
            return false;
        }
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            host = end < 0 ? host : host.substring(0, end + 1);
        } else if (host.indexOf(':') >= 0) {
            host = host.substring(0, host.indexOf(':'));
        }
        return allowedHosts.contains(host);
    }

    /** Whether a browser page of this origin may call WebAdmin; requests without Origin are not from another page. */
    public boolean isAllowedOrigin(String origin) {
        return origin != null && allowedOrigins.contains(origin.trim().toLowerCase(Locale.ROOT));
    }

    private static List<String> list(String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split("[,\\s]+")) {
            if (!item.isBlank()) {
                items.add(item.trim().toLowerCase(Locale.ROOT));
            }
        }
        return items;
    }
}
