package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every XML example in the Javadoc of a Tracewall matcher, mailet or SMTP hook is used, as written,
 * by one of the shipped samples (whitespace aside; comments in the example are notes, and a block
 * commented out in a sample counts as shown there). Docs that drift from the samples fail here.
 */
class JavadocExamplesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern EXAMPLE = Pattern.compile("<pre>\\{@code(.*?)\\}</pre>", Pattern.DOTALL);
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);

    @Test
    void everyComponentExampleShouldAppearInASample() throws IOException {
        String samples = samples();
        List<String> missing = new ArrayList<>();
        int examples = 0;
        for (Path source : sources()) {
            Matcher m = EXAMPLE.matcher(Files.readString(source, StandardCharsets.UTF_8));
            while (m.find()) {
                String example = normalize(COMMENT.matcher(m.group(1).replaceAll("(?m)^\\s*\\* ?", "")).replaceAll(" "));
                if (!example.startsWith("<")) {
                    continue; // not XML configuration
                }
                examples++;
                if (!samples.contains(example)) {
                    missing.add(ROOT.relativize(source) + ": " + example);
                }
            }
        }
        assertThat(examples).as("examples found").isGreaterThan(20);
        assertThat(missing).as("Javadoc examples no sample uses").isEmpty();
    }

    private static String samples() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT.resolve("conf-samples"))) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.filter(f -> f.toString().endsWith(".xml") && !f.toString().contains("/target/"))
                .collect(Collectors.toList())) {
                // A block commented out in a sample is shown there: keep it, drop only the markers.
                all.append(normalize(Files.readString(file, StandardCharsets.UTF_8).replace("<!--", " ").replace("-->", " ")))
                    .append('\n');
            }
            return all.toString();
        }
    }

    private static List<Path> sources() throws IOException {
        List<Path> sources = new ArrayList<>();
        for (String module : List.of("mailets", "matchers", "smtp-hooks")) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(sources::add);
            }
        }
        return sources;
    }

    private static String normalize(String xml) {
        return xml.replaceAll("\\s+", " ").replace("> <", "><").replace(" />", "/>").trim();
    }
}
