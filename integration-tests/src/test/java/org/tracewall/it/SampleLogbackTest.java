package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;

/**
 * The gateway sample's logback.xml, loaded as James loads it: Tracewall's lines go once more to
 * logs/tracewall.json, one JSON object per line with James's MDC, and James's own lines do not.
 */
class SampleLogbackTest {
    @TempDir
    Path work;

    @Test
    void tracewallLinesShouldAlsoBeWrittenAsJsonWithTheMdc() throws Exception {
        LoggerContext context = new LoggerContext();
        context.putProperty("working.directory", work.toString());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(new ByteArrayInputStream(Gateway.sample("logback.xml").getBytes(StandardCharsets.UTF_8)));

        Logger tracewall = context.getLogger("org.tracewall.james.mailets.ScoreMessage");
        Logger james = context.getLogger("org.apache.james.smtpserver.SMTPServer");
        MDC.put("ip", "192.0.2.7");
        try {
            tracewall.info("tracewall-decision phase=container session={} score=5.00 action=tag", "SID-1");
            james.info("James's own line");
        } finally {
            MDC.remove("ip");
        }
        context.stop();

        List<String> lines = Files.readAllLines(work.resolve("logs/tracewall.json"));
        assertThat(lines).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(lines.get(0));
        assertThat(line.get("message").asText()).isEqualTo("tracewall-decision phase=container session=SID-1 score=5.00 action=tag");
        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(line.get("logger").asText()).isEqualTo("org.tracewall.james.mailets.ScoreMessage");
        assertThat(line.get("mdc").get("ip").asText()).isEqualTo("192.0.2.7");
        assertThat(line.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(Files.readString(work.resolve("logs/james.log"))).contains("James's own line").contains("tracewall-decision");
    }
}
