package org.tracewall.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tracewall} command-line tool. Analysis commands run the engine in this process
 * (no James needed). Testable: {@link #execute(PrintStream, PrintStream, String...)} returns
 * the exit code instead of exiting.
 */
@Command(name = "tracewall", mixinStandardHelpOptions = true, versionProvider = TracewallCli.Version.class,
    description = "Tracewall anti-spam and mail-trust tools.",
    subcommands = {CheckCommand.class, AuditCommand.class, ConfigCommand.class, LearnCommand.class, ScanCommand.class, EvalCommand.class})
public final class TracewallCli implements Runnable {
    /** sysexits.h EX_NOINPUT: an input file could not be read. */
    static final int EX_NOINPUT = 66;
    /** sysexits.h EX_SOFTWARE: a failure of the command itself (run again with --verbose for the trace). */
    static final int EX_SOFTWARE = 70;

    private final PrintStream out;

    TracewallCli(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(execute(System.out, System.err, args));
    }

    /**
     * Runs one command line. Errors are one line on stderr ("tracewall: ..."), with the stack trace
     * only after {@code --verbose} (anywhere on the line).
     */
    public static int execute(PrintStream out, PrintStream err, String... args) {
        boolean verbose = List.of(args).contains("--verbose");
        String[] rest = Stream.of(args).filter(arg -> !arg.equals("--verbose")).toArray(String[]::new);
        CommandLine commandLine = new CommandLine(new TracewallCli(out), new Factory(out, err));
        commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        // A bad setting or file is the operator's to fix, not a crash: one line naming it, exit 78 (EX_CONFIG) or 66.
        commandLine.setExecutionExceptionHandler((e, command, parsed) -> {
            err.println("tracewall: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            if (verbose) {
                e.printStackTrace(err);
            }
            if (e instanceof IOException || e instanceof UncheckedIOException) {
                return EX_NOINPUT;
            }
            return e instanceof IllegalArgumentException ? ConfigCommand.EX_CONFIG : EX_SOFTWARE;
        });
        return commandLine.execute(rest);
    }

    @Override
    public void run() {
        out.println("Usage: tracewall COMMAND [OPTIONS]; see tracewall --help");
    }

    /** Gives commands the output stream they print to. */
    private static final class Factory implements CommandLine.IFactory {
        private final PrintStream out;
        private final PrintStream err;

        Factory(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == CheckCommand.class) {
                return cls.cast(new CheckCommand(out));
            }
            if (cls == AuditCommand.class) {
                return cls.cast(new AuditCommand(out));
            }
            if (cls == EvalCommand.class) {
                return cls.cast(new EvalCommand(out, err));
            }
            if (cls == LearnCommand.class) {
                return cls.cast(new LearnCommand(out, err));
            }
            if (cls == ConfigCommand.class) {
                return cls.cast(new ConfigCommand(out));
            }
            if (cls == ConfigCommand.Check.class) {
                return cls.cast(new ConfigCommand.Check(out, err));
            }
            if (cls == ConfigCommand.Dump.class) {
                return cls.cast(new ConfigCommand.Dump(out, err));
            }
            if (cls == ConfigCommand.Reference.class) {
                return cls.cast(new ConfigCommand.Reference(out));
            }
            if (cls == ScanCommand.class) {
                return cls.cast(new ScanCommand(out, err));
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = TracewallCli.class.getPackage().getImplementationVersion();
            return new String[] {"tracewall " + (version == null ? "dev" : version)};
        }
    }
}
