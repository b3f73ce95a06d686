package org.tracewall.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.tracewall.core.dns.DnsConfig;

/** A tracewall.properties as the commands read it (UTF-8, values trimmed); none: no keys. */
final class ConfigFile {
    private ConfigFile() {
    }

    static Map<String, String> read(Path file) throws IOException {
        Map<String, String> properties = new LinkedHashMap<>();
        if (file != null) {
            Properties loaded = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                loaded.load(reader);
            }
            loaded.stringPropertyNames().forEach(key -> properties.put(key, loaded.getProperty(key).trim()));
        }
        return properties;
    }

    /** As {@link #read(Path)}, with {@code --dns} servers (when given) in place of the file's {@code dns.servers}. */
    static Map<String, String> read(Path file, List<String> dnsServers) throws IOException {
        Map<String, String> properties = read(file);
        if (dnsServers != null && !dnsServers.isEmpty()) {
            properties.put(DnsConfig.SERVERS, String.join(",", dnsServers));
        }
        return properties;
    }

    /** The folder that relative file names of the configuration resolve against. */
    static Path base(Path file) {
        return file == null ? Path.of(".") : file.toAbsolutePath().getParent();
    }
}
