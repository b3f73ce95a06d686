package org.tracewall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import picocli.CommandLine.Command;

/**
 * Every command's --help renders as written: picocli reads descriptions as format strings, so a
 * bare "%" (as in "sha1(name) % 10") printed a warning to the user and the text unformatted.
 */
class HelpTextTest {

    /** Every command path (["eval"], ["config", "check"] ...) declared under {@code type}. */
    private static List<List<String>> commands(Class<?> type, List<String> path) {
        List<List<String>> all = new ArrayList<>();
        for (Class<?> sub : type.getAnnotation(Command.class).subcommands()) {
            List<String> subPath = new ArrayList<>(path);
            subPath.add(sub.getAnnotation(Command.class).name());
            all.add(subPath);
            all.addAll(commands(sub, subPath));
        }
        return all;
    }

    @Test
    void everyCommandsHelpShouldRenderWithoutAPicocliWarning() {
        List<List<String>> commands = commands(TracewallCli.class, List.of());
        assertThat(commands).hasSizeGreaterThan(6);
        PrintStream systemErr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        try {
            // picocli's tracer writes to System.err, not to the command line's own streams.
            System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
            for (List<String> command : commands) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                String[] args = Stream.concat(command.stream(), Stream.of("--help")).toArray(String[]::new);
                int code = TracewallCli.execute(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, args);
                assertThat(code).as(String.join(" ", command)).isZero();
                assertThat(out.toString(StandardCharsets.UTF_8)).as(String.join(" ", command)).contains("Usage: tracewall");
            }
        } finally {
            System.setErr(systemErr);
        }
        assertThat(warnings.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    }
}
