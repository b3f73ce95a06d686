package org.tracewall.james.testing;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.metrics.api.NoopGaugeRegistry;
import org.apache.james.server.core.configuration.Configuration;
import org.apache.james.server.core.filesystem.FileSystemImpl;
import org.apache.james.utils.PropertiesProvider;
import org.tracewall.james.TracewallClock;
import org.tracewall.james.TracewallRuntime;

/**
 * Real Tracewall runtimes for the hook and mailet tests (this module's test jar): James's conf/ and var/
 * in a temporary folder, over the memory state store.
 */
public final class TestRuntimes {
    private TestRuntimes() {
    }

    /**
     * A runtime over {@code root} whose conf/tracewall.properties holds {@code store.type=memory}, {@code dns.servers=127.0.0.1}
     * and then {@code properties}, one line each; the caller closes it.
     */
    public static TracewallRuntime memoryStore(Path root, TracewallClock clock, String... properties) throws Exception {
        Files.createDirectories(root.resolve("conf"));
        Files.createDirectories(root.resolve("var"));
        StringBuilder lines = new StringBuilder("store.type=memory\ndns.servers=127.0.0.1\n");
        for (String property : properties) {
            lines.append(property).append('\n');
        }
        Files.writeString(root.resolve("conf/tracewall.properties"), lines);
        Configuration.Basic james = Configuration.builder().workingDirectory(root.toFile())
            .configurationPath(new Configuration.ConfigurationPath(FileSystem.FILE_PROTOCOL_AND_CONF)).build();
        FileSystemImpl fileSystem = new FileSystemImpl(james.directories());
        return new TracewallRuntime(new PropertiesProvider(fileSystem, james.configurationPath()), fileSystem, clock, new NoopGaugeRegistry(),
            () -> null, () -> null);
    }
}
