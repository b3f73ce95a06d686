package org.tracewall.core.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.WireParseException;

/**
 * One DNS server over plain blocking sockets: UDP from a fresh ephemeral port with a random
 * message id, TCP when the answer is truncated. It replaces dnsjava 3.5's {@code SimpleResolver}
 * under the {@code ExtendedResolver} (retries and server rotation stay dnsjava's), because that
 * one's shared NIO selector runs its pending registrations only when a select returns no ready
 * key: a query registered while another answer arrives waits for the next one-second select,
 * and under concurrent lookups (three questions of one HELO check, or eight SMTP sessions) such
 * queries timed out. Each query here holds one thread of a bounded pool for at most its timeout.
 */
final class SocketResolver implements Resolver {
    private static final int MAX_THREADS = 256;
    private static final SecureRandom IDS = new SecureRandom();
    private static final ThreadPoolExecutor THREADS = threads();

    private final InetSocketAddress server;
    private volatile Duration timeout = Duration.ofSeconds(5);
    private volatile boolean tcp;
    private volatile boolean ignoreTruncation;

    SocketResolver(InetSocketAddress server) {
        this.server = server;
    }

    @Override
    public void setPort(int port) {
        throw new UnsupportedOperationException("the server is given with its port: " + server);
    }

    @Override
    public void setTCP(boolean tcp) {
        this.tcp = tcp;
    }

    @Override
    public void setIgnoreTruncation(boolean ignoreTruncation) {
        this.ignoreTruncation = ignoreTruncation;
    }

    @Override
    public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
        // No EDNS: a large answer comes truncated over UDP and is asked again over TCP.
    }

    @Override
    public void setTSIGKey(TSIG key) {
        throw new UnsupportedOperationException("TSIG is not used for lookups");
    }

    @Override
    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public Duration getTimeout() {
        return timeout;
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query) {
        return sendAsync(query, THREADS);
    }

    /** Runs on this class's own bounded pool whatever {@code executor} says: each query blocks a thread. */
    @Override
    public CompletionStage<Message> sendAsync(Message query, Executor executor) {
        CompletableFuture<Message> answer = new CompletableFuture<>();
        try {
            THREADS.execute(() -> {
                try {
                    answer.complete(exchange(query));
                } catch (IOException | RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            answer.completeExceptionally(new IOException(MAX_THREADS + " DNS queries in flight already", e));
        }
        return answer;
    }

    private Message exchange(Message query) throws IOException {
        Message asked = query.clone();
        int id = IDS.nextInt(0x10000);
        asked.getHeader().setID(id);
        byte[] wire = asked.toWire(Message.MAXLENGTH);
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!tcp) {
            Message answer = overUdp(wire, id, deadline);
            if (!answer.getHeader().getFlag(Flags.TC) || ignoreTruncation) {
                return answer;
            }
        }
        return overTcp(wire, id, deadline);
    }

    private Message overUdp(byte[] wire, int id, long deadline) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            // Connected: datagrams from any other address than the server's are dropped by the system.
            socket.connect(server);
            socket.setSoTimeout(remainingMillis(deadline));
            socket.send(new DatagramPacket(wire, wire.length));
            byte[] buffer = new byte[65535];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            socket.receive(packet);
            return parse(Arrays.copyOf(buffer, packet.getLength()), id);
        }
    }

    private Message overTcp(byte[] wire, int id, long deadline) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(server, remainingMillis(deadline));
            socket.setSoTimeout(remainingMillis(deadline));
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeShort(wire.length);
            out.write(wire);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] answer = new byte[in.readUnsignedShort()];
            in.readFully(answer);
            return parse(answer, id);
        }
    }

    /** As dnsjava's own client: an answer that does not parse or is not to this question is a wire error. */
    private static Message parse(byte[] answer, int id) throws WireParseException {
        Message message;
        try {
            message = new Message(answer);
        } catch (IOException e) {
            throw e instanceof WireParseException ? (WireParseException) e : new WireParseException(e.getMessage());
        }
        if (message.getHeader().getID() != id) {
            throw new WireParseException("invalid message id: " + message.getHeader().getID() + " for " + id);
        }
        return message;
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remaining <= 0) {
            throw new SocketTimeoutException("timed out");
        }
        return (int) Math.min(Integer.MAX_VALUE, remaining);
    }

    private static ThreadPoolExecutor threads() {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, MAX_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "tracewall-dns-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
