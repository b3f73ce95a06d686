package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * SECURITY.md says where each defence is tested: every test it cites in a table's "test" column
 * ({@code ClassName}, {@code ClassName.method}, or {@code ...method} for another method of the class
 * cited just before) must exist among the project's tests, the method in that class. A claim whose
 * test was renamed or never written fails here.
 */
class SecurityCitationsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern CITATION = Pattern.compile("`(\\.\\.\\.)?([A-Za-z][A-Za-z0-9]*)(?:\\.([A-Za-z][A-Za-z0-9]*))?`");
    private static final Pattern TEST_CLASS = Pattern.compile("[A-Z][A-Za-z0-9]*(Test|IT|Run)");

    @Test
    void everyCitedTestShouldExist() throws IOException {
        Map<String, Path> sources = testSources();
        List<String> missing = new ArrayList<>();
        int cited = 0;
        for (String row : Files.readAllLines(ROOT.resolve("SECURITY.md"), StandardCharsets.UTF_8)) {
            String[] cells = row.split("\\|");
            if (!row.startsWith("|") || cells.length < 4 || row.startsWith("|---") || cells[3].trim().equals("test")) {
                continue;
            }
            String currentClass = null;
            Matcher any = Pattern.compile("`([^`]*)`").matcher(cells[3]);
            while (any.find()) {
                if (TEST_CLASS.matcher(any.group(1)).lookingAt() && !CITATION.matcher(any.group()).matches()) {
                    missing.add(any.group(1) + ": not a ClassName or ClassName.method citation");
                }
            }
            Matcher m = CITATION.matcher(cells[3]);
            while (m.find()) {
                String name = m.group(2);
                String method = m.group(3);
                if (m.group(1) != null) {
                    method = name;
                    name = currentClass;
                } else if (!TEST_CLASS.matcher(name).matches()) {
                    continue; // a class or key named in passing, not a test
                } else {
                    currentClass = name;
                }
                cited++;
                Optional<String> problem = check(sources, name, method);
                problem.ifPresent(missing::add);
            }
        }
        assertThat(cited).as("citations found").isGreaterThan(40);
        assertThat(missing).as("tests SECURITY.md cites that do not exist").isEmpty();
    }

    private static Optional<String> check(Map<String, Path> sources, String testClass, String method) throws IOException {
        if (testClass == null) {
            return Optional.of("..." + method + " follows no test class");
        }
        Path source = sources.get(testClass);
        if (source == null) {
            return Optional.of(testClass + ": no such test class");
        }
        if (method != null && !Pattern.compile("\\bvoid " + Pattern.quote(method) + "\\w*\\(").matcher(
            Files.readString(source, StandardCharsets.UTF_8)).find()) {
            return Optional.of(testClass + "." + method + ": no such test method in " + ROOT.relativize(source));
        }
        return Optional.empty();
    }

    /** Every test source of every module, by class name. */
    private static Map<String, Path> testSources() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/test/java/")
                    && !f.toString().contains("/target/"))
                .collect(Collectors.toMap(f -> f.getFileName().toString().replace(".java", ""), Function.identity(), (a, b) -> a));
        }
    }
}
