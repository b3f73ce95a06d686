package org.tracewall.testing.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A deliberately small SMTP client for tests: it speaks the protocol line by line and returns
 * every reply, so tests can assert codes and texts (a reject's 550 text, a 451 on DNS trouble).
 * It can bind the client side to any loopback address (127.0.0.0/8), which is how tests
 * present different client IPs to the server without leaving the machine.
 */
public final class SmtpTestClient implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 60_000;

    private Socket socket;
    private BufferedReader in;
    private OutputStream out;
    private final SmtpReply greeting;

    private SmtpTestClient(Socket socket) throws IOException {
        use(socket);
        this.greeting = readReply();
    }

    private void use(Socket connected) throws IOException {
        this.socket = connected;
        this.in = new BufferedReader(new InputStreamReader(connected.getInputStream(), StandardCharsets.UTF_8));
        this.out = connected.getOutputStream();
    }

    /** Connects as {@link #connect(int, String)} with TLS from the first byte (SMTPS, port 465 style). */
    public static SmtpTestClient connectTls(int port, String sourceAddress) throws IOException {
        Socket plain = open(port, sourceAddress);
        return new SmtpTestClient(TestTls.wrap(plain));
    }

    /** STARTTLS; when the server agrees (220), the rest of the session is encrypted. */
    public SmtpReply startTls() throws IOException {
        SmtpReply reply = command("STARTTLS");
        if (reply.code() == 220) {
            use(TestTls.wrap(socket));
        }
        return reply;
    }

    /** Connects to 127.0.0.1:port from 127.0.0.1. */
    public static SmtpTestClient connect(int port) throws IOException {
        return connect(port, "127.0.0.1");
    }

    /** Connects to 127.0.0.1:port (or [::1] when the source is IPv6) from the given loopback source address. */
    public static SmtpTestClient connect(int port, String sourceAddress) throws IOException {
        return new SmtpTestClient(open(port, sourceAddress));
    }

    /** A connected socket and nothing read from it: for tests of what happens before the banner. */
    public static Socket connectRaw(int port, String sourceAddress) throws IOException {
        return open(port, sourceAddress);
    }

    private static Socket open(int port, String sourceAddress) throws IOException {
        InetAddress source = InetAddress.getByName(sourceAddress);
        if (!source.isLoopbackAddress()) {
            throw new IllegalArgumentException("tests only use loopback addresses, not " + sourceAddress);
        }
        InetAddress server = InetAddress.getByName(source instanceof Inet6Address ? "::1" : "127.0.0.1");
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(source, 0));
        socket.connect(new InetSocketAddress(server, port), TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        return socket;
    }

    public SmtpReply greeting() {
        return greeting;
    }

    /** Sends one line without reading the reply (pipelining, or a test that reads it later with {@link #readReply}). */
    public void write(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Sends one command line and reads its reply. */
    public SmtpReply command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return readReply();
    }

    public SmtpReply ehlo(String name) throws IOException {
        return command("EHLO " + name);
    }

    public SmtpReply helo(String name) throws IOException {
        return command("HELO " + name);
    }

    /** AUTH PLAIN with the initial response on the command line. */
    public SmtpReply authPlain(String user, String password) throws IOException {
        String token = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        return command("AUTH PLAIN " + token);
    }

    /** AUTH LOGIN, answering the server's two 334 prompts; the first reply that is not 334 is returned. */
    public SmtpReply authLogin(String user, String password) throws IOException {
        SmtpReply reply = command("AUTH LOGIN");
        for (String answer : List.of(user, password)) {
            if (reply.code() != 334) {
                return reply;
            }
            reply = command(Base64.getEncoder().encodeToString(answer.getBytes(StandardCharsets.UTF_8)));
        }
        return reply;
    }

    public SmtpReply mailFrom(String address) throws IOException {
        return command("MAIL FROM:<" + address + ">");
    }

    public SmtpReply rcptTo(String address) throws IOException {
        return command("RCPT TO:<" + address + ">");
    }

    /** DATA, then the message (dot-stuffed here), then the final dot; returns the final reply or the DATA refusal. */
    public SmtpReply data(String message) throws IOException {
        SmtpReply start = command("DATA");
        if (start.code() != 354) {
            return start;
        }
        StringBuilder body = new StringBuilder();
        for (String line : message.split("\r?\n", -1)) {
            body.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
        }
        body.append(".\r\n");
        out.write(body.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        return readReply();
    }

    /**
     * One whole transaction: MAIL, each RCPT, DATA. Stops at the first refusal and returns it;
     * otherwise returns the reply to the final dot.
     */
    public SmtpReply send(String from, List<String> recipients, String message) throws IOException {
        SmtpReply reply = mailFrom(from);
        if (!reply.isPositive()) {
            return reply;
        }
        for (String recipient : recipients) {
            reply = rcptTo(recipient);
            if (!reply.isPositive()) {
                return reply;
            }
        }
        return data(message);
    }

    public SmtpReply quit() throws IOException {
        return command("QUIT");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Reads the next reply. */
    public SmtpReply readReply() throws IOException {
        List<String> lines = new ArrayList<>();
        int code;
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed by server after " + lines);
            }
            if (line.length() < 3) {
                throw new IOException("malformed reply line: " + line);
            }
            code = Integer.parseInt(line.substring(0, 3));
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return new SmtpReply(code, lines);
            }
        }
    }
}
