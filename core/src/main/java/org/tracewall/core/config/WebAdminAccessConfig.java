package org.tracewall.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.tracewall.core.operator.OperatorRole;

/**
 * The {@code webadmin.*} keys of tracewall.properties: which Host names WebAdmin answers to,
 * which browser origins may call it, and who may do what in the dashboard it serves. WebAdmin is an HTTP API for scripts; a browser page on some
 * other site must never reach it (cross-site requests), and neither must a page that rebinds its
 * own name to 127.0.0.1 (DNS rebinding: the browser then sends that page's name as Host).
 *
 * <pre>
 * webadmin.allowedHosts=localhost, 127.0.0.1, [::1]   # Host header names (port ignored)
 * webadmin.allowedOrigins=                           # browser origins allowed, e.g. https://admin.example.com; none by default
 * webadmin.admins=postmaster@example.com              # James users who may change everything in the dashboard
 * webadmin.auditors=audit@example.com                 # James users who may look at everything and change nothing
 * webadmin.sessionLifetime=8h                         # a dashboard sign-in lasts this long
 * </pre>
 *
 * Every other James user who signs in to the dashboard sees the quarantine of their own address only,
 * as do James's administrators ({@code administratorId} of usersrepository.xml) unless listed here.
 */
public final class WebAdminAccessConfig {
    public static final Option<List<String>> ALLOWED_HOSTS = Option.list("webadmin.allowedHosts", "localhost, 127.0.0.1, [::1]",
        "Host names WebAdmin answers; add the name you reach it by").requiring(hosts -> !hosts.isEmpty(), "at least one host name");
    public static final Option<List<String>> ALLOWED_ORIGINS = Option.list("webadmin.allowedOrigins", null,
        "browser origins allowed to call WebAdmin, such as https://admin.example.com")
        .requiring(origins -> origins.stream().allMatch(o -> o.matches("https?://[^/\\s]+")),
            "origins such as https://admin.example.com (scheme and host, no path)");
    public static final Option<List<String>> ADMINS = Option.list("webadmin.admins", null,
        "James users who may change everything in the dashboard (rules, scores, the whole quarantine)");
    public static final Option<List<String>> AUDITORS = Option.list("webadmin.auditors", null,
        "James users who may look at everything in the dashboard and change nothing");
    public static final Option<Duration> SESSION_LIFETIME = Option.positiveDuration("webadmin.sessionLifetime", Duration.ofHours(8),
        "how long a dashboard sign-in lasts");
    public static final OptionSection OPTIONS = OptionSection.of("webadmin.", "WebAdmin access", ALLOWED_HOSTS, ALLOWED_ORIGINS,
        ADMINS, AUDITORS, SESSION_LIFETIME);

    private final List<String> allowedHosts;
    private final List<String> allowedOrigins;
    private final List<String> admins;
    private final List<String> auditors;
    private final Duration sessionLifetime;

    private WebAdminAccessConfig(OptionValues values) {
        this.allowedHosts = List.copyOf(values.get(ALLOWED_HOSTS));
        this.allowedOrigins = List.copyOf(values.get(ALLOWED_ORIGINS));
        this.admins = List.copyOf(values.get(ADMINS));
        this.auditors = List.copyOf(values.get(AUDITORS));
        this.sessionLifetime = values.get(SESSION_LIFETIME);
    }

    /**
     * @throws IllegalArgumentException naming the bad or unknown key
     */
    public static WebAdminAccessConfig fromProperties(Map<String, String> p) {
        return new WebAdminAccessConfig(OPTIONS.read(p));
    }

    /** The dashboard role of a James user: listed as admin or auditor here, else a user of their own mail. */
    public OperatorRole roleOf(String user) {
        String name = user.trim().toLowerCase(Locale.ROOT);
        if (admins.contains(name)) {
            return OperatorRole.ADMIN;
        }
        return auditors.contains(name) ? OperatorRole.AUDITOR : OperatorRole.USER;
    }

    public Duration sessionLifetime() {
        return sessionLifetime;
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
