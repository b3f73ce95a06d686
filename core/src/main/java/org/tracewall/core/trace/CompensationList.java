package org.tracewall.core.trace;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.tracewall.core.config.ReloadingFile;
import org.tracewall.core.net.IpNetwork;

/**
 * The "website compensation" list: per domain, networks that are known to send
 * for it although the heuristic cannot see it (an outsourced mail service, a gateway far
 * from the MX). It overrides a false judgement. One line per domain, edited at run time:
 *
 * <pre>
 * # domain        networks...
 * example.com     192.0.2.0/24 2001:db8:10::/48
 * partner.org     198.51.100.7
 * </pre>
 */
public final class CompensationList {
    private final ReloadingFile<Map<String, List<IpNetwork>>> file;
    /** The operator's run-time entries, asked first; null: the file alone. */
    private final SharedTraceEntries shared;

    public CompensationList(Path path) {
        this(new ReloadingFile<>(path, CompensationList::parse, Map.of()), null);
    }

    private CompensationList(ReloadingFile<Map<String, List<IpNetwork>>> file, SharedTraceEntries shared) {
        this.file = file;
        this.shared = shared;
    }

    /** This list with the run-time entries of the state store before the file's. */
    CompensationList withShared(SharedTraceEntries entries) {
        return new CompensationList(file, entries);
    }

    /** A list that never compensates. */
    public static CompensationList none() {
        return new CompensationList(Path.of("/nonexistent/tracewall-compensation"));
    }

    /** The network that covers {@code ip} for {@code domain} (or a parent domain), if any. */
    public Optional<IpNetwork> find(String domain, InetAddress ip) {
        Optional<IpNetwork> atRunTime = shared == null ? Optional.empty() : shared.compensated(domain, ip);
        return atRunTime.isPresent() ? atRunTime : DomainEntries.covering(file.current(), domain, ip);
    }

    /** Appends an entry to the file; it applies from the next check on. */
    public synchronized void add(String domain, IpNetwork network) throws IOException {
        Path path = file.path();
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        Files.writeString(path, domain.toLowerCase(Locale.ROOT) + " " + network + System.lineSeparator(),
            StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** All entries as currently loaded. */
    public Map<String, List<IpNetwork>> entries() {
        return file.current();
    }

    public List<String> problems() {
        return file.problems();
    }

    private static Map<String, List<IpNetwork>> parse(List<String> lines, List<String> problems) {
        Map<String, List<IpNetwork>> entries = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] fields = ReloadingFile.fields(lines.get(i));
            if (fields.length == 0) {
                continue;
            }
            if (fields.length < 2) {
                problems.add("line " + (i + 1) + ": expected 'domain network...'");
                continue;
            }
            List<IpNetwork> networks = new ArrayList<>();
            for (int f = 1; f < fields.length; f++) {
                try {
                    networks.add(IpNetwork.parse(fields[f]));
                } catch (IllegalArgumentException e) {
                    problems.add("line " + (i + 1) + ": bad network '" + fields[f] + "'");
                }
            }
            entries.computeIfAbsent(fields[0].toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(networks);
        }
        return entries;
    }
}
