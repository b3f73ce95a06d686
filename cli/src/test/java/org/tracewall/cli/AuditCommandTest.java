package org.tracewall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracewall.testing.dns.LoopbackDnsServer;

class AuditCommandTest {
    private static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();

    @AfterAll
    static void stop() {
        DNS.close();
    }

    private static int run(ByteArrayOutputStream out, String... args) {
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        return TracewallCli.execute(print, print, args);
    }

    @Test
    void aListedAddressShouldExitOneWithItsProblems(@TempDir Path dir) throws IOException {
        DNS.zone().txt("weak.test", "v=spf1 ~all").a("31.2.0.192.zen.test", "127.0.0.2");
        Path config = dir.resolve("tracewall.properties");
        Files.writeString(config, "dnsbl.list.zen.zone=zen.test\ndnsbl.list.zen.codes=127.0.0.2-127.0.0.11\n"
            + "dns.timeout=500ms\ndns.deadline=2s\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int code = run(out, "audit", "--ip", "192.0.2.31", "--domain", "weak.test", "--dns", DNS.hostAndPort(),
            "--config", config.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("problem(s):", "192.0.2.31 is listed on zen (127.0.0.2)",
            "192.0.2.31 has no PTR record", "SPF of weak.test gives softfail");
    }

    @Test
    void aCleanAddressShouldExitZeroAndJsonShouldSayOk() {
        DNS.zone().txt("good.test", "v=spf1 ip4:192.0.2.32 -all").ptr("192.0.2.32", "mx.good.test").a("mx.good.test", "192.0.2.32");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int code = run(out, "audit", "--ip", "192.0.2.32", "--domain", "good.test", "--helo", "mx.good.test",
            "--dns", DNS.hostAndPort(), "--json");

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"ok\":true", "\"problems\":[]");
    }

    @Test
    void aBadAddressShouldBeBadUsage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(run(out, "audit", "--ip", "nope", "--domain", "good.test")).isEqualTo(64);
    }
}
