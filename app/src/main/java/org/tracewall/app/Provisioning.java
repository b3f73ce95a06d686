package org.tracewall.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The domains and users of {@code conf/provision.properties}, created at every start
 * because the memory server keeps them in memory only.
 *
 * <pre>
 * domains=tracewall.local
 * users=bob@tracewall.local:bob,alice@tracewall.local:secret
 * </pre>
 */
final class Provisioning {
    private final List<String> domains;
    private final List<String[]> users;

    private Provisioning(List<String> domains, List<String[]> users) {
        this.domains = domains;
        this.users = users;
    }

    static Provisioning read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new Provisioning(List.of(), List.of());
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        List<String> domains = new ArrayList<>();
        for (String domain : split(properties.getProperty("domains", ""))) {
            domains.add(domain);
        }
        List<String[]> users = new ArrayList<>();
        for (String entry : split(properties.getProperty("users", ""))) {
            int colon = entry.indexOf(':');
            if (colon <= 0 || colon == entry.length() - 1 || entry.indexOf('@') < 0) {
                throw new IllegalArgumentException("Invalid value in " + file + " for 'users': '" + entry
                    + "' (expected address:password)");
            }
            users.add(new String[] {entry.substring(0, colon), entry.substring(colon + 1)});
        }
        return new Provisioning(List.copyOf(domains), List.copyOf(users));
    }

    List<String> domains() {
        return domains;
    }

    /** Pairs of {address, password}. */
    List<String[]> users() {
        return users;
    }

    private static String[] split(String value) {
        String trimmed = value.trim();
        return trimmed.isEmpty() ? new String[0] : trimmed.split("\\s*,\\s*");
    }
}
