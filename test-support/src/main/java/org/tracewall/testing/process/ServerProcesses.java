package org.tracewall.testing.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Starting and stopping the real servers tests run beside them (redis-server, clamd), bounded in time. */
public final class ServerProcesses {
    private ServerProcesses() {
    }

    /**
     * Starts the process and polls {@code ready} until it answers, the process exits, or the time
     * is up; {@code diagnostics} says why in the error.
     */
    public static Process startAndAwait(ProcessBuilder builder, BooleanSupplier ready, Duration timeout,
                                        Supplier<String> diagnostics) throws IOException {
        Process process = builder.start();
        // A test JVM that dies early (System.exit on a failed James start) must not leave servers behind.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "stop-" + builder.command().get(0)));
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(builder.command().get(0) + " exited with " + process.exitValue() + ": " + diagnostics.get());
            }
            if (ready.getAsBoolean()) {
                return process;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new IOException("interrupted while starting " + builder.command().get(0), e);
            }
        }
        process.destroyForcibly();
        throw new IOException(builder.command().get(0) + " was not ready within " + timeout + ": " + diagnostics.get());
    }

    /** A TCP port free on loopback now, for a server process to bind next. */
    public static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Asks the process to stop, then forces it after 10 seconds. */
    public static void stop(Process process) {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
