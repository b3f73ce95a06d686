package org.tracewall.testing.clamav;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.tracewall.testing.process.ServerProcesses;

/**
 * A real clamd (Debian package clamav-daemon) on a free port of 127.0.0.1, with no downloaded
 * database: only one custom hash signature that detects the 68-byte EICAR test string, so it
 * starts in a second and needs no network.
 */
public final class ClamdProcess implements AutoCloseable {
    /** The EICAR anti-virus test string: harmless, detected by every scanner by agreement. */
    public static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    public static final String SIGNATURE = "Tracewall.Test.EICAR";

    private final int port;
    private final Path directory;
    private Process process;

    private ClamdProcess(int port, Path directory) {
        this.port = port;
        this.directory = directory;
    }

    /** For a test class's static field: a clamd that cannot start fails the class, naming why. */
    public static ClamdProcess startOrFail(String streamMaxLength) {
        try {
            return startOnFreePort(streamMaxLength);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ClamdProcess startOnFreePort() throws IOException {
        return startOnFreePort("10M");
    }

    /** A clamd that stops reading a stream past {@code streamMaxLength} ("1M"), answering a size-limit error. */
    public static ClamdProcess startOnFreePort(String streamMaxLength) throws IOException {
        int port = ServerProcesses.freeLoopbackPort();
        Path directory = Files.createTempDirectory("tracewall-clamd");
        Files.writeString(directory.resolve("custom.hdb"), "44d88612fea8a8f36de82e1278abb02f:68:" + SIGNATURE + "\n");
        Files.writeString(directory.resolve("clamd.conf"), String.join("\n",
            "Foreground yes", "DatabaseDirectory " + directory, "TCPSocket " + port, "TCPAddr 127.0.0.1",
            "LogFile " + directory.resolve("clamd.log"), "PidFile " + directory.resolve("clamd.pid"),
            "StreamMaxLength " + streamMaxLength, ""));
        ClamdProcess clamd = new ClamdProcess(port, directory);
        clamd.start();
        return clamd;
    }

    public int port() {
        return port;
    }

    public synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        Path binary = List.of(Path.of("/usr/sbin/clamd"), Path.of("/usr/bin/clamd"), Path.of("/usr/local/sbin/clamd")).stream()
            .filter(Files::isExecutable).findFirst()
            .orElseThrow(() -> new IOException("clamd is not installed (Debian: apt-get install clamav-daemon)"));
        Path out = directory.resolve("clamd.out");
        process = ServerProcesses.startAndAwait(new ProcessBuilder(binary.toString(), "--config-file=" + directory.resolve("clamd.conf"))
                .redirectErrorStream(true).redirectOutput(out.toFile()), this::pong, Duration.ofSeconds(60),
            () -> readQuietly(out));
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    public synchronized void stop() {
        ServerProcesses.stop(process);
    }

    /**
     * SIGSTOP: clamd stops reading, while the kernel still accepts connections into its backlog
     * and fills the socket buffers: a scanner that stops mid-stream, every time.
     */
    public synchronized void freeze() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-STOP", Long.toString(process.pid())).start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -STOP " + process.pid() + " failed");
        }
    }

    /** SIGKILL, as a crash stops it: its connections are reset. {@link #start()} starts it again. */
    public synchronized void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() {
        stop();
    }

    private boolean pong() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write("zPING\0".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(4);
            return "PONG".equals(new String(reply, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
    }
}
