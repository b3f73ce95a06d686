package org.tracewall.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.tracewall.core.dns.DnsConfig;
import org.tracewall.core.dns.DnsResolver;
import org.tracewall.engine.TracewallEngine;
import org.tracewall.engine.TracewallProperties;

/** A tracewall.properties as the commands read it: exactly as James reads it ({@link TracewallProperties}); none: no keys. */
final class ConfigFile {
    private ConfigFile() {
    }

    static Map<String, String> read(Path file) throws IOException {
        return new LinkedHashMap<>(TracewallProperties.read(file));
    }

    /** As {@link #read(Path)}, with {@code --dns} servers (when given) in place of the file's {@code dns.servers}. */
    static Map<String, String> read(Path file, List<String> dnsServers) throws IOException {
        Map<String, String> properties = read(file);
        if (dnsServers != null && !dnsServers.isEmpty()) {
            properties.put(DnsConfig.SERVERS.name(), String.join(",", dnsServers));
        }
        return properties;
    }

    /** The folder that relative file names of the configuration resolve against. */
    static Path base(Path file) {
        return file == null ? Path.of(".") : file.toAbsolutePath().getParent();
    }

    /** The engine of the file, as James builds it; the CLI's reads touch no store. */
    static TracewallEngine engine(Map<String, String> properties, Path file, UnaryOperator<DnsResolver> dnsView) throws IOException {
        return TracewallEngine.from(properties, base(file), base(file), System::currentTimeMillis, dnsView);
    }
}
