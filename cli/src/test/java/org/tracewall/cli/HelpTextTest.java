package org.tracewall.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Every command's --help renders as written: picocli reads descriptions as format strings, so a
 * bare "%" (as in "sha1(name) % 10") printed a warning to the user and the text unformatted.
 */
class HelpTextTest {

    /** Every command class declared under {@code type}, itself included. */
    private static List<Class<?>> commands(Class<?> type) {
        List<Class<?>> all = new ArrayList<>(List.of(type));
        for (Class<?> sub : type.getAnnotation(Command.class).subcommands()) {
            all.addAll(commands(sub));
        }
        return all;
    }

    /** Every path to a subcommand (["eval"], ["config", "check"] ...). */
    private static List<List<String>> paths(Class<?> type, List<String> path) {
        List<List<String>> all = new ArrayList<>();
        for (Class<?> sub : type.getAnnotation(Command.class).subcommands()) {
            List<String> subPath = new ArrayList<>(path);
            subPath.add(sub.getAnnotation(Command.class).name());
            all.add(subPath);
            all.addAll(paths(sub, subPath));
        }
        return all;
    }

    @Test
    void everyDescriptionShouldBeAFormatStringPicocliCanRender() {
        List<String> descriptions = new ArrayList<>();
        for (Class<?> command : commands(TracewallCli.class)) {
            descriptions.addAll(List.of(command.getAnnotation(Command.class).description()));
            for (Field field : command.getDeclaredFields()) {
                Option option = field.getAnnotation(Option.class);
                if (option != null) {
                    descriptions.addAll(List.of(option.description()));
                }
            }
        }

        assertThat(descriptions).hasSizeGreaterThan(20);
        // What picocli does with each (String.format with no arguments); a bare % fails here as it failed there.
        descriptions.forEach(description -> assertThatCode(() -> String.format(description)).as(description).doesNotThrowAnyException());
    }

    @Test
    void everyCommandsHelpShouldRender() {
        for (List<String> command : paths(TracewallCli.class, List.of())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String[] args = Stream.concat(command.stream(), Stream.of("--help")).toArray(String[]::new);
            int code = TracewallCli.execute(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, args);
            assertThat(code).as(String.join(" ", command)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).as(String.join(" ", command)).contains("Usage: tracewall");
        }
    }
}
