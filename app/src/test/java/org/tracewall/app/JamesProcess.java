package org.tracewall.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * A James server in its own JVM, as an operator runs it, for the packaging tests: started
 * from a command line, its output captured in a file, stopped at the end.
 */
final class JamesProcess implements AutoCloseable {
    /** James's own DNS service pointed at a loopback address where nothing listens: no query leaves the machine. */
    static final String LOOPBACK_DNSSERVICE_XML = "<dnsservice><servers><server>127.0.0.1</server></servers>"
        + "<autodiscover>false</autodiscover><authoritative>false</authoritative><maxcachesize>50000</maxcachesize></dnsservice>";

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final Process process;
    private final Path log;

    private JamesProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java [jvmArgs...] args...} and waits until {@code smtpPort} listens and the log shows {@code ready}. */
    static JamesProcess start(Path workingDirectory, List<String> jvmAndMain, int smtpPort, String ready) throws IOException {
        return start(workingDirectory, jvmAndMain, smtpPort, ready, "james-stdout.log");
    }

    /** The same, James's output in {@code logName} (a restart keeps the first run's output apart). */
    static JamesProcess start(Path workingDirectory, List<String> jvmAndMain, int smtpPort, String ready, String logName)
        throws IOException {
        Path log = workingDirectory.resolve(logName);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-Djdk.net.hosts.file=" + System.getProperty("jdk.net.hosts.file", "/etc/hosts"));
        command.add("-Dworking.directory=" + workingDirectory);
        command.addAll(jvmAndMain);
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        JamesProcess james = new JamesProcess(process, log);
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(process.isAlive()).as("James exited early:%n%s", james.tail()).isTrue();
            return listening(smtpPort) && Files.readString(log).contains(ready);
        });
        return james;
    }

    /** Everything James printed so far. */
    String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** The last lines James printed, for assertion messages. */
    String tail() throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** SIGKILL: no shutdown hook, no flush, as a power cut or the OOM killer would stop it. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
    }

    static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A port free now, below Linux's ephemeral range (32768-60999): James binds it only later, and a
     * port the kernel handed out by itself (ServerSocket(0)) could meanwhile go to another socket of
     * the same machine (ActiveMQ's own listener, any outgoing connection).
     */
    static int freePort() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20_000 + RANDOM.nextInt(12_000);
            try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // next one
            }
        }
        throw new IOException("no free port between 20000 and 32000 after 200 tries");
    }

    /** Replaces text that must be there (a test that rewrites nothing proves nothing). */
    static void rewrite(Path file, String from, String to) throws IOException {
        String content = Files.readString(file);
        assertThat(content).as("%s in %s", from, file).contains(from);
        Files.writeString(file, content.replace(from, to));
    }
}
