package org.tracewall.core.av;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

import org.tracewall.core.config.ConfigValues;

/**
 * A clamd client for the INSTREAM command over TCP: the message is streamed in chunks, clamd
 * answers {@code stream: OK} or {@code stream: <signature> FOUND}. Written here rather than
 * bundled: the protocol is a few lines, and a library would be one more thing to relocate in the
 * extension jar. Every failure (refused, timeout, clamd's size limit, an unexpected answer) is an
 * {@link ScanResult.Status#UNAVAILABLE} result, never an exception and never "clean".
 */
public final class ClamdClient {
    private static final int CHUNK = 8192;
    private static final int MAX_REPLY = 4096;

    private final InetSocketAddress address;
    private final Duration timeout;

    public ClamdClient(InetSocketAddress address, Duration timeout) {
        this.address = Objects.requireNonNull(address);
        this.timeout = Objects.requireNonNull(timeout);
    }

    /**
     * A client from configuration text (a hook's elements or a mailet's parameters).
     *
     * @throws IllegalArgumentException naming "port" or "timeout" when bad
     */
    public static ClamdClient configured(String host, String port, String timeout) {
        Duration parsedTimeout = ConfigValues.duration("timeout", timeout);
        int parsedPort = ConfigValues.intInRange("port", port, 1, 65535);
        return new ClamdClient(new InetSocketAddress(host, parsedPort), parsedTimeout);
    }

    public InetSocketAddress address() {
        return address;
    }

    /** True when clamd answers PONG. */
    public boolean ping() {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("zPING\0".getBytes(StandardCharsets.US_ASCII));
            return "PONG".equals(readReply(socket.getInputStream()));
        } catch (IOException e) {
            return false;
        }
    }

    /** Streams {@code content} to clamd and returns its verdict. */
    public ScanResult scan(InputStream content) {
        try (Socket socket = connect()) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.write("zINSTREAM\0".getBytes(StandardCharsets.US_ASCII));
            byte[] buffer = new byte[CHUNK];
            int read;
            while ((read = content.read(buffer)) > 0) {
                out.writeInt(read);
                out.write(buffer, 0, read);
            }
            out.writeInt(0);
            out.flush();
            return interpret(readReply(socket.getInputStream()));
        } catch (IOException e) {
            // clamd closes the connection when its StreamMaxLength is exceeded: also "unavailable".
            return ScanResult.unavailable("clamd at " + address + ": " + e.getMessage());
        }
    }

    /** A result for a scan that could not be attempted. */
    public static ScanResult unavailable(String reason) {
        return ScanResult.unavailable(reason);
    }

    static ScanResult interpret(String reply) {
        if (reply.endsWith(" FOUND")) {
            String body = reply.substring(0, reply.length() - " FOUND".length());
            return ScanResult.infected(body.substring(body.indexOf(':') + 1).trim());
        }
        if (reply.endsWith(": OK")) {
            return ScanResult.clean();
        }
        return ScanResult.unavailable("clamd answered: " + reply);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(address, (int) timeout.toMillis());
        socket.setSoTimeout((int) timeout.toMillis());
        return socket;
    }

    /** Reads up to the NUL that ends a z-command reply. */
    private static String readReply(InputStream in) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) > 0 && reply.size() < MAX_REPLY) {
            reply.write(b);
        }
        return reply.toString(StandardCharsets.US_ASCII).trim();
    }
}
