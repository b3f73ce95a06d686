package org.tracewall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded {@code tracewall-cli.jar} run as a user runs it ({@code java -jar}), so that a class
 * the tests' class path has and the jar lacks fails here, not on the operator's machine (reading
 * a properties file once needed commons-beanutils and commons-logging that only the tests had).
 */
class CliJarIT {
    @TempDir
    Path conf;

    @Test
    void configCheckAndDumpShouldRunFromTheJarOnTheShippedSample() throws Exception {
        for (String file : new String[] {"tracewall.properties", "tracewall-registry.txt", "tracewall-compensation.txt"}) {
            try (InputStream in = getClass().getResourceAsStream("/tracewall-conf/gateway/" + file)) {
                Files.write(conf.resolve(file), in.readAllBytes());
            }
        }
        String properties = conf.resolve("tracewall.properties").toString();

        Result check = run("config", "check", "--config", properties);
        Result dump = run("config", "dump", "-n", "--config", properties);

        assertThat(check.err).isEmpty();
        assertThat(check.code).isZero();
        assertThat(check.out).contains(": ok, ");
        assertThat(dump.code).isZero();
        assertThat(dump.out).contains("score.rule.INVOICE_SPAM.pattern = (代开|开具|代理).{0,8}发票");
    }

    @Test
    void aMisspeltKeyShouldExitWithEX_CONFIGNamingIt() throws Exception {
        Path bad = conf.resolve("bad.properties");
        Files.writeString(bad, "dns.timeot=2s\n");

        Result check = run("config", "check", "--config", bad.toString());

        assertThat(check.code).isEqualTo(78);
        assertThat(check.err).contains("Unknown key 'dns.timeot'");
    }

    private static Result run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar", System.getProperty("tracewall.cli.jar")));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("tracewall " + String.join(" ", args) + " did not end");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
            new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** What one run printed and returned. */
    private static final class Result {
        final int code;
        final String out;
        final String err;

        Result(int code, String out, String err) {
            this.code = code;
            this.out = out;
            this.err = err;
        }
    }
}
