package org.tracewall.core.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;

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
    public static final Option<List<String>> ALLOWED_HOSTS = Option.list("webadmin.allowedHosts", "localhost, 127.0.0.1, [::1]",
        "Host names WebAdmin answers; add the name you reach it by").requiring(hosts -> !hosts.isEmpty(), "at least one host name");
    public static final Option<List<String>> ALLOWED_ORIGINS = Option.list("webadmin.allowedOrigins", null,
        "browser origins allowed to call WebAdmin, such as https://admin.example.com")
        .requiring(origins -> origins.stream().allMatch(o -> o.matches("https?://[^/\\s]+")),
            "origins such as https://admin.example.com (scheme and host, no path)");
    public static final OptionSection OPTIONS = OptionSection.of("webadmin.", "WebAdmin access", ALLOWED_HOSTS, ALLOWED_ORIGINS);

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
        OptionValues values = OPTIONS.read(p);
        return new WebAdminAccessConfig(values.get(ALLOWED_HOSTS), values.get(ALLOWED_ORIGINS));
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
}
