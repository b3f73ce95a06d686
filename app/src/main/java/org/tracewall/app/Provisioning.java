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
 * The domains, users and aliases of {@code conf/provision.properties}, created at every start
 * because the memory server keeps them in memory only. A user listed without a password gets
 * a generated one (see {@link GeneratedPasswords}): no sample ships a password anyone knows.
 *
 * <pre>
 * domains=tracewall.local
 * users=bob@tracewall.local,alice@tracewall.local:her-own-password
 * aliases=postmaster@tracewall.local:bob@tracewall.local
 * </pre>
 */
final class Provisioning {
    private final List<String> domains;
    private final List<String[]> users;
    private final List<String[]> aliases;

    private Provisioning(List<String> domains, List<String[]> users, List<String[]> aliases) {
        this.domains = domains;
        this.users = users;
        this.aliases = aliases;
    }

    static Provisioning read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new Provisioning(List.of(), List.of(), List.of());
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
            String address = colon < 0 ? entry : entry.substring(0, colon);
            if (address.indexOf('@') <= 0 || colon == entry.length() - 1) {
                throw new IllegalArgumentException("Invalid value in " + file + " for 'users': '" + address
                    + "' (expected address or address:password)");
            }
            users.add(new String[] {address, colon < 0 ? null : entry.substring(colon + 1)});
        }
        List<String[]> aliases = new ArrayList<>();
        for (String entry : split(properties.getProperty("aliases", ""))) {
            String[] pair = entry.split(":", 2);
            if (pair.length != 2 || pair[0].indexOf('@') <= 0 || pair[1].indexOf('@') <= 0) {
                throw new IllegalArgumentException("Invalid value in " + file + " for 'aliases': '" + entry
                    + "' (expected alias@domain:user@domain)");
            }
            aliases.add(pair);
        }
        return new Provisioning(List.copyOf(domains), List.copyOf(users), List.copyOf(aliases));
    }

    List<String> domains() {
        return domains;
    }

    /** Pairs of {address, password}; the password is null when it is to be generated. */
    List<String[]> users() {
        return users;
    }

    /** Pairs of {alias address, target address}. */
    List<String[]> aliases() {
        return aliases;
    }

    private static String[] split(String value) {
        String trimmed = value.trim();
        return trimmed.isEmpty() ? new String[0] : trimmed.split("\\s*,\\s*");
    }
}
