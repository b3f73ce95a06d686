package org.tracewall.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import org.tracewall.core.dns.DnsResolver;
import org.tracewall.engine.TracewallEngine;

import picocli.CommandLine.Option;

/**
 * The options of the commands that run the engine ({@code check}, {@code audit}): the
 * configuration file, read as James reads it, and resolvers that replace its {@code dns.servers}.
 */
final class EngineOptions {
    @Option(names = "--dns", split = ",", description = "resolver(s) host[:port], default: the file's dns.servers or the system's")
    List<String> dns;

    @Option(names = "--config", description = "a tracewall.properties, read as James reads it (dns.*, dnsbl.*, traceability.*, score.* ...)")
    Path config;

    /** The engine of the file, every part asking DNS through {@code dnsView} of the resolver. */
    TracewallEngine engine(UnaryOperator<DnsResolver> dnsView) throws IOException {
        return ConfigFile.engine(ConfigFile.read(config, dns), config, dnsView);
    }
}
