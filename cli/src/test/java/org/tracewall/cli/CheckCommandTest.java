package org.tracewall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tracewall.testing.dns.LoopbackDnsServer;

class CheckCommandTest {
    private static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();

    @BeforeAll
    static void zone() {
        DNS.zone().mx("example.com", 10, "mx1.example.com").a("mx1.example.com", "192.0.2.10");
    }

    @AfterAll
    static void stop() {
        DNS.close();
    }

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TracewallCli.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void checkShouldPrintTheVerdictTheReasonAndTheQueries() {
        String[] result = run("check", "--ip", "192.0.2.77", "--helo", "out.example.com", "--from", "a@example.com",
            "--dns", DNS.hostAndPort());

        assertThat(result[0]).isEqualTo("0");
        assertThat(result[1]).contains("result:  traceable")
            .contains("detail:  mx-neighbour /24 of mx1.example.com")
            .contains("example.com TXT -> NO_DATA")
            .contains("example.com MX -> OK [10 mx1.example.com.]")
            .contains("mx1.example.com A -> OK [192.0.2.10]")
            .contains("symbol:  TRACE_TRACEABLE (weight -2.0, from score.*)");
    }

    @Test
    void checkShouldPrintJsonAndExitOneWhenUntraceable() {
        String[] result = run("check", "--ip", "203.0.113.5", "--from", "a@example.com", "--helo", "x.example.net",
            "--dns", DNS.hostAndPort(), "--json");

        assertThat(result[0]).isEqualTo("1");
        assertThat(result[1]).startsWith("{\"result\":\"untraceable\",\"reason\":\"no-evidence\"")
            .contains("{\"name\":\"example.com\",\"type\":\"MX\",\"status\":\"OK\",\"data\":[\"10 mx1.example.com.\"]}")
            .contains("\"symbol\":{\"name\":\"TRACE_UNTRACEABLE\",\"weight\":5.0}");
    }

    @Test
    void checkShouldRefuseAnIpThatIsNotAnAddress() {
        String[] result = run("check", "--ip", "mail.example.com", "--from", "a@example.com", "--dns", DNS.hostAndPort());

        assertThat(result[0]).isEqualTo("64");
        assertThat(result[2]).contains("--ip").contains("mail.example.com");
    }

    @Test
    void checkShouldRequireTheIpOption() {
        String[] result = run("check", "--from", "a@example.com");

        assertThat(result[0]).isEqualTo("64");
        assertThat(result[2]).contains("--ip");
    }
}
