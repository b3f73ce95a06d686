package org.tracewall.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

import org.tracewall.engine.TracewallEngine;
import org.tracewall.engine.TracewallOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tracewall config}: the settings of a {@code tracewall.properties} as James will read
 * them, like {@code postfix check} and {@code postconf}. Exit codes: 0 fine, 78 (EX_CONFIG) a bad
 * or unknown key (named on stderr), 66 a file that cannot be read, 64 bad usage.
 */
@Command(name = "config", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 64,
    description = "Check, dump or document tracewall.properties.",
    subcommands = {ConfigCommand.Check.class, ConfigCommand.Dump.class, ConfigCommand.Reference.class})
final class ConfigCommand implements Runnable {
    static final int EX_CONFIG = 78;

    private final PrintStream out;

    ConfigCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public void run() {
        out.println("Usage: tracewall config check|dump|reference [OPTIONS]; see tracewall config --help");
    }

    /** {@code config check}: builds the engine from the file exactly as James does at start, list files included. */
    @Command(name = "check", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 64,
        description = "Read the file as James will at start (every key, the list files it names); exit 78 naming the first problem.")
    static final class Check implements Callable<Integer> {
        private final PrintStream out;
        private final PrintStream err;

        @Option(names = "--config", required = true, description = "the tracewall.properties to check")
        Path config;

        Check(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public Integer call() {
            try {
                Map<String, String> properties = ConfigFile.read(config);
                try (TracewallEngine engine = ConfigFile.engine(properties, config, UnaryOperator.identity())) {
                    out.println(config + ": ok, " + properties.size() + " key(s) set, the others at their defaults");
                    return 0;
                }
            } catch (IllegalArgumentException e) {
                err.println(config + ": " + e.getMessage());
                return EX_CONFIG;
            } catch (IOException e) {
                err.println("tracewall: " + e.getMessage());
                return TracewallCli.EX_NOINPUT;
            }
        }
    }

    /** {@code config dump}: every effective setting, defaults marked (postconf), or only those set (postconf -n). */
    @Command(name = "dump", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 64,
        description = "Print every effective setting, defaults marked; -n: only those the file sets.")
    static final class Dump implements Callable<Integer> {
        private final PrintStream out;
        private final PrintStream err;

        @Option(names = "--config", description = "a tracewall.properties (none: all defaults)")
        Path config;
        @Option(names = {"-n", "--non-default"}, description = "only the settings the file sets")
        boolean onlySet;

        Dump(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public Integer call() {
            try {
                out.print(TracewallOptions.dump(ConfigFile.read(config), onlySet));
                return 0;
            } catch (IllegalArgumentException e) {
                err.println((config == null ? "defaults" : config) + ": " + e.getMessage());
                return EX_CONFIG;
            } catch (IOException e) {
                err.println("tracewall: " + e.getMessage());
                return TracewallCli.EX_NOINPUT;
            }
        }
    }

    /** {@code config reference}: the Markdown reference of every key (docs/configuration.md is made of it). */
    @Command(name = "reference", mixinStandardHelpOptions = true, description = "Print the reference of every key, in Markdown.")
    static final class Reference implements Runnable {
        private final PrintStream out;

        Reference(PrintStream out) {
            this.out = out;
        }

        @Override
        public void run() {
            out.print(TracewallOptions.reference());
        }
    }
}
