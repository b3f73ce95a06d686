package org.tracewall.testing.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.tracewall.testing.process.ServerProcesses;

/**
 * A real {@code redis-server} (Debian package redis-server) started by a test on a free port of
 * 127.0.0.1, with no persistence, and stopped with it. {@link #stop()} then {@link #start()}
 * simulates an outage on the same port.
 */
public final class RedisServerProcess implements AutoCloseable {
    private static final long START_TIMEOUT_MILLIS = 20_000;

    private final int port;
    private final Path dataDir;
    private final List<String> role;
    private Process process;

    private RedisServerProcess(int port, Path dataDir, List<String> role) {
        this.port = port;
        this.dataDir = dataDir;
        this.role = List.copyOf(role);
    }

    /** Starts a server on a free loopback port. */
    public static RedisServerProcess startOnFreePort() throws IOException {
        return startOnFreePort(null);
    }

    /** As {@link #startOnFreePort()}, for a static field: a missing redis-server fails the class, saying what to install. */
    public static RedisServerProcess startOnFreePortOrFail() {
        try {
            return startOnFreePort();
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server is needed (apt-get install redis-server)", e);
        }
    }

    /**
     * Starts a server that writes every command to an append-only file in {@code dataDir}
     * (fsync always), as a production Redis keeping a shared model would: a restart after
     * {@link #stop()} finds the data again.
     */
    public static RedisServerProcess startPersistentOnFreePort(Path dataDir) throws IOException {
        return startOnFreePort(Files.createDirectories(dataDir));
    }

    private static RedisServerProcess startOnFreePort(Path dataDir) throws IOException {
        return started(new RedisServerProcess(ServerProcesses.freeLoopbackPort(), dataDir, List.of()));
    }

    /** A replica of the server on {@code masterPort}, on a free loopback port. */
    public static RedisServerProcess startReplicaOf(int masterPort) throws IOException {
        return started(new RedisServerProcess(ServerProcesses.freeLoopbackPort(), null,
            List.of("--replicaof", "127.0.0.1", Integer.toString(masterPort))));
    }

    /**
     * A Sentinel ({@code redis-server --sentinel}, what Debian's redis-sentinel runs) watching the
     * master on {@code masterPort} as {@code name}, alone (quorum 1), that calls it down after one
     * second without answer and then promotes a replica.
     */
    public static RedisServerProcess startSentinel(String name, int masterPort) throws IOException {
        int port = ServerProcesses.freeLoopbackPort();
        Path conf = Files.createTempDirectory("tracewall-sentinel").resolve("sentinel.conf");
        // Sentinel rewrites its configuration file as the topology changes: it must be writable.
        Files.writeString(conf, String.join("\n", "port " + port, "bind 127.0.0.1", "protected-mode no",
            "sentinel monitor " + name + " 127.0.0.1 " + masterPort + " 1",
            "sentinel down-after-milliseconds " + name + " 1000",
            "sentinel failover-timeout " + name + " 10000",
            "sentinel parallel-syncs " + name + " 1", ""));
        return started(new RedisServerProcess(port, null, List.of(conf.toString(), "--sentinel")));
    }

    private static RedisServerProcess started(RedisServerProcess redis) throws IOException {
        redis.start();
        return redis;
    }

    public int port() {
        return port;
    }

    /** "redis://127.0.0.1:port" */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(findBinary()));
        if (role.contains("--sentinel")) {
            command.addAll(role);
            command.addAll(List.of("--loglevel", "warning", "--daemonize", "no"));
        } else {
            command.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--protected-mode", "yes", "--loglevel", "warning"));
            command.addAll(role);
            if (dataDir == null) {
                command.addAll(List.of("--appendonly", "no"));
            } else {
                command.addAll(List.of("--appendonly", "yes", "--appendfsync", "always", "--dir", dataDir.toString()));
            }
        }
        process = ServerProcesses.startAndAwait(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD), this::ping, Duration.ofMillis(START_TIMEOUT_MILLIS),
            () -> "port " + port);
    }

    public synchronized void stop() {
        ServerProcesses.stop(process);
    }

    @Override
    public void close() {
        stop();
    }

    private boolean ping() {
        return "+PONG".equals(firstLinesOf("PING", 1));
    }

    /** Whether this server is a master now (ROLE's first element): a replica promoted by Sentinel becomes one. */
    public boolean isMaster() {
        String reply = firstLinesOf("ROLE", 3);
        return reply != null && reply.endsWith("\nmaster");
    }

    /** The first {@code lines} lines of the reply to an inline command, joined with \n; null when it does not answer. */
    private String firstLinesOf(String command, int lines) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            StringBuilder reply = new StringBuilder();
            for (int i = 0; i < lines; i++) {
                String line = in.readLine();
                if (line == null) {
                    return null;
                }
                reply.append(i == 0 ? "" : "\n").append(line);
            }
            return reply.toString();
        } catch (IOException e) {
            return null;
        }
    }

    private static String findBinary() throws IOException {
        for (String dir : List.of("/usr/bin", "/usr/local/bin", "/usr/sbin", "/opt/homebrew/bin")) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IOException("redis-server is not installed (Debian: apt-get install redis-server); "
            + "the Redis store tests need a real server");
    }
}
