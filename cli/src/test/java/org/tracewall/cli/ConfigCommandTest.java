package org.tracewall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tracewall config check|dump|reference} over real files, read as James reads them. */
class ConfigCommandTest {
    @TempDir
    Path conf;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void theShippedGatewaySampleShouldCheckOk() throws Exception {
        for (String file : new String[] {"tracewall.properties", "tracewall-registry.txt", "tracewall-compensation.txt"}) {
            copySample(file);
        }

        int code = run("config", "check", "--config", conf.resolve("tracewall.properties").toString());

        assertThat(err()).isEmpty();
        assertThat(code).isZero();
        assertThat(out()).contains(": ok, ");
    }

    @Test
    void theShippedGatewayConfDirectoryShouldCheckOkHandlersIncluded() throws Exception {
        for (String file : new String[] {"tracewall.properties", "tracewall-registry.txt", "tracewall-compensation.txt", "smtpserver.xml"}) {
            copySample(file);
        }

        int code = run("config", "check", "--conf", conf.toString());

        assertThat(err()).isEmpty();
        assertThat(code).isZero();
        assertThat(out()).contains("tracewall.properties: ok", "smtpserver.xml: ok, every Tracewall handler");
    }

    @Test
    void aMisspeltHandlerElementOrAnUnknownHandlerShouldBeNamed() throws Exception {
        for (String file : new String[] {"tracewall.properties", "tracewall-registry.txt", "tracewall-compensation.txt", "smtpserver.xml"}) {
            copySample(file);
        }
        Path smtpserver = conf.resolve("smtpserver.xml");
        String sample = Files.readString(smtpserver);
        assertThat(sample).contains("<untraceable>");
        Files.writeString(smtpserver, sample.replaceFirst("<untraceable>(\\w+)</untraceable>", "<untracable>$1</untracable>")
            .replaceFirst("org.tracewall.james.smtp.HookTimers", "org.tracewall.james.smtp.HookTimer"));

        int code = run("config", "check", "--conf", conf.toString());

        assertThat(code).isEqualTo(ConfigCommand.EX_CONFIG);
        assertThat(err()).contains("<handler class=\"org.tracewall.james.smtp.TraceabilityHook\">: unknown element <untracable>"
            + " (known: dkim, temperror, unknown, untraceable)")
            .contains("<handler class=\"org.tracewall.james.smtp.HookTimer\">: Tracewall has no such handler");
    }

    @Test
    void neitherFileNorDirectoryShouldBeAUsageError() {
        assertThat(run("config", "check")).isEqualTo(64);
        assertThat(err()).contains("--config FILE or --conf DIR");
    }

    @Test
    void aMisspeltKeyShouldFailTheCheckNamingItOnStderr() throws Exception {
        Path file = write("greylist.delay=5m\ngreylist.dealy=10m\n");

        int code = run("config", "check", "--config", file.toString());

        assertThat(code).isEqualTo(ConfigCommand.EX_CONFIG);
        assertThat(out()).isEmpty();
        assertThat(err()).contains("Unknown key 'greylist.dealy'", "greylist.delay");
    }

    @Test
    void badValuesShouldFailTheCheckNamingTheKey() throws Exception {
        assertThat(run("config", "check", "--config", write("dns.timeout=soon\n").toString())).isEqualTo(ConfigCommand.EX_CONFIG);
        assertThat(err()).contains("Invalid value for 'dns.timeout': 'soon'");

        assertThat(run("config", "check", "--config", write("score.rule.X.in=Subject\nscore.rule.X.pattern=([a\nscore.rule.X.weight=1\n")
            .toString())).isEqualTo(ConfigCommand.EX_CONFIG);
        assertThat(err()).contains("Invalid value for 'score.rule.X.pattern'");
    }

    @Test
    void anEngineCommandGivenABadFileShouldNameTheKeyNotCrash() throws Exception {
        int code = run("check", "--config", write("score.reject=soon\n").toString(), "--ip", "127.0.0.1", "--from", "a@example.test");

        assertThat(code).isEqualTo(ConfigCommand.EX_CONFIG);
        assertThat(err()).isEqualTo("tracewall: Invalid value for 'score.reject': 'soon' (expected a number or off)\n");
    }

    @Test
    void verboseShouldAddTheStackTraceToTheOneLine() throws Exception {
        int code = run("check", "--verbose", "--config", write("score.reject=soon\n").toString(), "--ip", "127.0.0.1");

        assertThat(code).isEqualTo(ConfigCommand.EX_CONFIG);
        assertThat(err()).startsWith("tracewall: Invalid value for 'score.reject': 'soon'").contains("\tat org.tracewall.");
    }

    @Test
    void aMissingFileShouldExitWithEX_NOINPUT() {
        assertThat(run("config", "check", "--config", conf.resolve("nowhere.properties").toString())).isEqualTo(TracewallCli.EX_NOINPUT);
        assertThat(err()).contains("nowhere.properties: no such file");
    }

    @Test
    void dumpShouldShowTheFilesSettingsAndWithNOnlyThose() throws Exception {
        Path file = write("greylist.delay=10m\nscore.weight.NO_PTR=2.5\n");

        assertThat(run("config", "dump", "--config", file.toString())).isZero();
        assertThat(out()).contains("greylist.delay = 10m\n", "greylist.lifetime = 35d    # default\n", "score.weight.NO_PTR = 2.5\n");

        out.reset();
        assertThat(run("config", "dump", "-n", "--config", file.toString())).isZero();
        assertThat(out()).isEqualTo("# Greylisting\ngreylist.delay = 10m\n\n# Scoring and policy groups\nscore.weight.NO_PTR = 2.5\n");
    }

    @Test
    void referenceShouldPrintTheTableOfEveryKey() {
        assertThat(run("config", "reference")).isZero();
        assertThat(out()).contains("| `rate.group.<name>.messagesPer15m` | integer 0–100000000 | the rate.* value | ");
    }

    private int run(String... args) {
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        return TracewallCli.execute(o, e, args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path write(String properties) throws Exception {
        Path file = Files.createTempFile(conf, "tracewall", ".properties");
        Files.writeString(file, properties, StandardCharsets.ISO_8859_1);
        return file;
    }

    private void copySample(String name) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/tracewall-conf/gateway/" + name)) {
            Files.write(conf.resolve(name), in.readAllBytes());
        }
    }
}
