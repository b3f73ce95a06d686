package org.tracewall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.apache.james.server.core.configuration.Configuration;
import org.apache.james.server.core.filesystem.FileSystemImpl;
import org.apache.james.utils.PropertiesProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracewall.engine.TracewallEngine;
import org.tracewall.engine.TracewallProperties;

/**
 * The CLI reads tracewall.properties exactly as James does (James's own PropertiesProvider is
 * the reference here), and builds the same engine from it as the James extension.
 */
class ConfigFileTest {
    @TempDir
    Path work;

    @Test
    void theShippedSampleShouldReadAsJamesReadsItAndBuildTheSameEngine() throws Exception {
        try (InputStream sample = getClass().getResourceAsStream("/tracewall-conf/gateway/tracewall.properties")) {
            Files.createDirectories(work.resolve("conf"));
            Files.write(work.resolve("conf/tracewall.properties"), sample.readAllBytes());
        }
        Map<String, String> cli = ConfigFile.read(work.resolve("conf/tracewall.properties"));

        assertThat(cli).isEqualTo(asJamesReadsIt()).containsKey("score.rule.INVOICE_SPAM.pattern");
        try (TracewallEngine fromCli = ConfigFile.engine(cli, work.resolve("conf/tracewall.properties"), UnaryOperator.identity());
             TracewallEngine fromJames = TracewallEngine.from(asJamesReadsIt(), work.resolve("conf"), work.resolve("var"),
                 System::currentTimeMillis)) {
            assertThat(fromCli.settings().asMap()).isEqualTo(fromJames.settings().asMap());
            assertThat(fromCli.dnsListThreshold()).isEqualTo(fromJames.dnsListThreshold());
        }
    }

    @Test
    void listsPatternsEscapesAndLatin1ShouldReadAsJamesReadsThem() throws Exception {
        Files.createDirectories(work.resolve("conf"));
        byte[] latin1 = ("dnsbl.lists=zen.example.test,bl.example.test\n"
            + "score.rule.T.pattern=x{0,8}|y,z\n"
            + "quarantine.digest.subject=Caf\u00e9 \\u4f1a\\u8bae, daily\n"
            + "escaped=a\\,b\n").getBytes(StandardCharsets.ISO_8859_1);
        Files.write(work.resolve("conf/tracewall.properties"), latin1);

        Map<String, String> cli = ConfigFile.read(work.resolve("conf/tracewall.properties"));

        assertThat(cli).isEqualTo(asJamesReadsIt())
            .containsEntry("dnsbl.lists", "zen.example.test, bl.example.test")
            .containsEntry("score.rule.T.pattern", "x{0,8}|y,z")
            .containsEntry("quarantine.digest.subject", "Caf\u00e9 \u4f1a\u8bae, daily");
    }

    private Map<String, String> asJamesReadsIt() throws Exception {
        Configuration.Basic james = Configuration.builder().workingDirectory(work.toFile())
            .configurationPath(new Configuration.ConfigurationPath("file://conf/")).build();
        PropertiesProvider provider = new PropertiesProvider(new FileSystemImpl(james.directories()), james.configurationPath());
        return TracewallProperties.flatten(provider.getConfiguration(TracewallProperties.CONFIGURATION_NAME));
    }
}
