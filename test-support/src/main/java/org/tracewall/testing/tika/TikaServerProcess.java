package org.tracewall.testing.tika;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.tracewall.testing.process.ServerProcesses;

/**
 * A real Tika text server (the {@code tika} module's {@code tracewall-tika.jar} and its
 * {@code lib/}) in its own JVM on a free loopback port, heap capped as in production. The module
 * is found through the system property {@code tracewall.tika.home} (its {@code target/} folder).
 */
public final class TikaServerProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final int port;
    private final Path home;
    private Process process;

    private TikaServerProcess(int port, Path home) {
        this.port = port;
        this.home = home;
    }

    public static TikaServerProcess startOnFreePort() throws IOException {
        String configured = System.getProperty("tracewall.tika.home", "../tika/target");
        Path home = Path.of(configured).toAbsolutePath().normalize();
        if (!Files.isRegularFile(home.resolve("tracewall-tika.jar")) || !Files.isDirectory(home.resolve("lib"))) {
            throw new IOException("No Tika text server in " + home + ": build the tika module first (./mvnw -pl tika package)");
        }
        int port = ServerProcesses.freeLoopbackPort();
        TikaServerProcess tika = new TikaServerProcess(port, home);
        tika.start();
        return tika;
    }

    /** "http://127.0.0.1:port/" */
    public String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    public synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(), "-Xmx256m", "-cp",
            home.resolve("tracewall-tika.jar") + File.pathSeparator + home.resolve("lib") + File.separator + "*",
            "org.tracewall.tika.TikaTextServer", "--port", Integer.toString(port), "--timeout", "20");
        process = ServerProcesses.startAndAwait(new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD), this::ready, START_TIMEOUT, () -> "port " + port);
    }

    public synchronized void stop() {
        ServerProcesses.stop(process);
    }

    @Override
    public void close() {
        stop();
    }

    private boolean ready() {
        try {
            HttpURLConnection connection = (HttpURLConnection) new URL(url() + "tika").openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(1000);
            return connection.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }
}
