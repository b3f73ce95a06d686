package org.tracewall.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /**
     * {@code config check}: builds the engine from the file exactly as James does at start, list
     * files included; with {@code --conf DIR}, also the Tracewall handlers of DIR/smtpserver.xml.
     */
    @Command(name = "check", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 64,
        description = "Read the file as James will at start (every key, the list files it names), and with --conf the Tracewall "
            + "handlers of smtpserver.xml (each element one the handler takes); exit 78 naming every problem.")
    static final class Check implements Callable<Integer> {
        private final PrintStream out;
        private final PrintStream err;

        @Option(names = "--config", description = "the tracewall.properties to check (default with --conf: DIR/tracewall.properties)")
        Path config;
        @Option(names = "--conf", description = "James's conf directory: its tracewall.properties and smtpserver.xml")
        Path conf;

        Check(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public Integer call() {
            Path properties = config != null ? config : conf == null ? null : conf.resolve("tracewall.properties");
            if (properties == null) {
                err.println("tracewall config check: give --config FILE or --conf DIR");
                return 64;
            }
            int code = checkProperties(properties);
            // Every problem named at once: a bad properties file does not hide a misspelt handler element.
            int handlers = conf == null ? 0 : checkSmtpServer(conf.resolve("smtpserver.xml"));
            return code != 0 ? code : handlers;
        }

        private int checkProperties(Path file) {
            try {
                Map<String, String> properties = ConfigFile.read(file);
                try (TracewallEngine engine = ConfigFile.engine(properties, file, UnaryOperator.identity())) {
                    out.println(file + ": ok, " + properties.size() + " key(s) set, the others at their defaults");
                    return 0;
                }
            } catch (IllegalArgumentException e) {
                err.println(file + ": " + e.getMessage());
                return EX_CONFIG;
            } catch (IOException e) {
                err.println("tracewall: " + e.getMessage());
                return TracewallCli.EX_NOINPUT;
            }
        }

        private int checkSmtpServer(Path file) {
            if (!Files.exists(file)) {
                out.println(file + ": none, nothing to check");
                return 0;
            }
            try {
                List<String> problems = HandlerElementsCheck.problems(file);
                problems.forEach(problem -> err.println(file + ": " + problem));
                if (problems.isEmpty()) {
                    out.println(file + ": ok, every Tracewall handler takes the elements it is given");
                }
                return problems.isEmpty() ? 0 : EX_CONFIG;
            } catch (IllegalArgumentException e) {
                err.println(file + ": " + e.getMessage());
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
