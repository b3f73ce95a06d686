package org.tracewall.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.imap.StartTlsImap;

/**
 * The README's quick start, run: the shell blocks of "Send a first message" and the WebAdmin
 * example are read from README.md and run with bash and the real curl against the packaged app,
 * so the documentation cannot drift from what the server does. Only the ports and the state
 * directory are moved (the app runs on free ports in a temporary directory); each such rewrite
 * must find its text, so a README that changes them fails here instead of going untested.
 */
class ReadmeDoctestIT {
    private static final Path ROOT = Path.of(System.getProperty("tracewall.app.dir", "target")).toAbsolutePath().getParent().getParent();
    private static final Pattern SHELL_BLOCK = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    static Path work;
    @TempDir
    static Path shell;
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    static DurableApp app;
    static String readme;

    @BeforeAll
    static void startApp() throws Exception {
        readme = Files.readString(ROOT.resolve("README.md"));
        app = DurableApp.configure(work, DNS, "");
        app.start();
    }

    @AfterAll
    static void stopApp() throws Exception {
        DNS.close();
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theQuickStartPortsShouldBeTheSamplesPorts() throws IOException {
        String quickStart = section("## Quick start");
        Path sample = ROOT.resolve("conf-samples/gateway");
        String smtpserver = Files.readString(sample.resolve("smtpserver.xml"));
        String imapserver = Files.readString(sample.resolve("imapserver.xml"));

        assertThat(quickStart).contains("SMTP 2525 (submission 2465/587), IMAP 1143, WebAdmin 8000");
        assertThat(smtpserver).contains("0.0.0.0:2525", "0.0.0.0:2465", "0.0.0.0:587");
        assertThat(imapserver).contains("0.0.0.0:1143");
        assertThat(Files.readString(sample.resolve("webadmin.properties"))).contains("port=8000");
    }

    @Test
    void theFirstMessageCommandsShouldDeliverAndShowTheStamp() throws Exception {
        String block = blocks(section("### Send a first message")).get(0);
        int read = block.indexOf('\n', block.indexOf("smtp://")) + 1;
        assertThat(read).as("the block sends over smtp:// first").isPositive();

        run(block.substring(0, read));
        // Delivery is asynchronous: a person typing the next line never sees it, a script would.
        StartTlsImap.awaitMessage(app.imap, "bob@tracewall.local", app.generatedPassword("bob@tracewall.local"), "Hello", Duration.ofSeconds(30));
        String output = run(block.substring(read));

        assertThat(output).contains("Subject: Hello", "First message.", "X-Tracewall-Stamp: tracewall/");
    }

    @Test
    void theWebAdminExampleShouldCreateTheDomainAndTheUser() throws Exception {
        String block = onlyBlock(section("WebAdmin requires a token"));

        run(block);

        assertThat(app.webAdmin("GET", "/domains", null)).startsWith("200").contains("\"example.com\"");
        assertThat(app.webAdmin("GET", "/users", null)).startsWith("200").contains("\"carol@example.com\"");
    }

    /** The README from {@code heading} to the next heading of any level. */
    private static String section(String heading) {
        int start = readme.indexOf(heading);
        assertThat(start).as("README section %s", heading).isNotNegative();
        Matcher next = Pattern.compile("\\n#{2,3} ").matcher(readme);
        return next.find(start + heading.length()) ? readme.substring(start, next.start()) : readme.substring(start);
    }

    private static List<String> blocks(String section) {
        List<String> blocks = new ArrayList<>();
        Matcher block = SHELL_BLOCK.matcher(section);
        while (block.find()) {
            blocks.add(block.group(1));
        }
        assertThat(blocks).as("shell blocks in %s", section).isNotEmpty();
        return blocks;
    }

    private static String onlyBlock(String section) {
        List<String> blocks = blocks(section);
        assertThat(blocks).as("shell blocks in %s", section).hasSize(1);
        return blocks.get(0);
    }

    /** Runs a README block with bash, its ports and state directory moved to the test app's; answers its output. */
    private static String run(String block) throws Exception {
        String script = block;
        for (Map.Entry<String, String> rewrite : rewrites().entrySet()) {
            if (script.contains(rewrite.getKey())) {
                script = script.replace(rewrite.getKey(), rewrite.getValue());
            }
        }
        assertThat(script).as("every port and path of the block was moved").doesNotContain(":2525", ":1143", ":8000", "var/conf");
        ProcessBuilder bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).directory(shell.toFile()).redirectErrorStream(true);
        bash.environment().put("TRACEWALL_HOME", work.toString());
        Process process = bash.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("%s%n---%n%s%n---%n%s", script, output, app.process().tail()).isZero();
        return output;
    }

    private static Map<String, String> rewrites() {
        Map<String, String> rewrites = new LinkedHashMap<>();
        rewrites.put("127.0.0.1:2525", "127.0.0.1:" + app.smtp);
        rewrites.put("127.0.0.1:1143", "127.0.0.1:" + app.imap);
        rewrites.put("localhost:8000", "127.0.0.1:" + app.webAdmin);
        rewrites.put("var/conf/", work.resolve("conf") + "/");
        rewrites.put("./tracewall ", ROOT.resolve("tracewall") + " ");
        rewrites.put("./tracewall)", ROOT.resolve("tracewall") + ")");
        return rewrites;
    }
}
