package org.tracewall.testing.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A small authoritative DNS server on 127.0.0.1 (UDP and TCP on the same free port) that
 * answers from a {@link DnsZone}. Tests load zones, point resolvers at {@link #address()},
 * and inject faults (timeout, SERVFAIL, truncation, garbage). Every question is recorded.
 *
 * <pre>
 * try (LoopbackDnsServer dns = LoopbackDnsServer.start()) {
 *     dns.zone().mx("example.com", 10, "mx1.example.com").a("mx1.example.com", "192.0.2.10");
 *     ... resolve through dns.address() ...
 * }
 * </pre>
 */
public final class LoopbackDnsServer implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(LoopbackDnsServer.class);
    private static final int UDP_PAYLOAD = 512;
    private static final int MAX_CNAME_HOPS = 10;
    private static final long NEGATIVE_TTL = 60;

    private final DnsZone zone = new DnsZone();
    private final List<Question> questions = new CopyOnWriteArrayList<>();
    private final AtomicInteger udpQueries = new AtomicInteger();
    private final AtomicInteger tcpQueries = new AtomicInteger();
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-dns");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean running = true;

    private LoopbackDnsServer(DatagramSocket udp, ServerSocket tcp) {
        this.udp = udp;
        this.tcp = tcp;
        threads.execute(this::serveUdp);
        threads.execute(this::acceptTcp);
    }

    /** Starts a server on a free loopback port. */
    public static LoopbackDnsServer start() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        IOException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
            try {
                ServerSocket tcp = new ServerSocket();
                tcp.setReuseAddress(true);
                tcp.bind(new InetSocketAddress(loopback, udp.getLocalPort()));
                return new LoopbackDnsServer(udp, tcp);
            } catch (IOException e) {
                // The TCP side of that port is taken: try another one.
                udp.close();
                last = e;
            }
        }
        throw last;
    }

    /** {@link #start()} for static initialisers: an I/O failure becomes unchecked. */
    public static LoopbackDnsServer startOrFail() {
        try {
            return start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the loopback DNS server", e);
        }
    }

    public DnsZone zone() {
        return zone;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(udp.getLocalAddress(), udp.getLocalPort());
    }

    public int port() {
        return udp.getLocalPort();
    }

    /** "127.0.0.1:port", the form Tracewall's {@code dns.servers} takes. */
    public String hostAndPort() {
        return "127.0.0.1:" + port();
    }

    /** Every question received so far, in order. */
    public List<Question> questions() {
        return new ArrayList<>(questions);
    }

    public int queryCount() {
        return questions.size();
    }

    public int udpQueryCount() {
        return udpQueries.get();
    }

    public int tcpQueryCount() {
        return tcpQueries.get();
    }

    public void resetQueries() {
        questions.clear();
        udpQueries.set(0);
        tcpQueries.set(0);
    }

    @Override
    public void close() {
        running = false;
        udp.close();
        try {
            tcp.close();
        } catch (IOException e) {
            LOGGER.debug("closing TCP socket", e);
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serveUdp() {
        byte[] buffer = new byte[65535];
        while (running) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
                udpQueries.incrementAndGet();
                byte[] reply = answer(Arrays.copyOf(packet.getData(), packet.getLength()), true);
                if (reply != null) {
                    udp.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
                }
            } catch (SocketException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOGGER.warn("loopback DNS (udp) failed on a query", e);
            }
        }
    }

    private void acceptTcp() {
        while (running) {
            try {
                Socket socket = tcp.accept();
                threads.execute(() -> serveTcp(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serveTcp(Socket socket) {
        try (socket; DataInputStream in = new DataInputStream(socket.getInputStream());
             DataOutputStream out = new DataOutputStream(socket.getOutputStream())) {
            while (running) {
                int length = in.readUnsignedShort();
                byte[] query = new byte[length];
                in.readFully(query);
                tcpQueries.incrementAndGet();
                byte[] reply = answer(query, false);
                if (reply == null) {
                    continue;
                }
                out.writeShort(reply.length);
                out.write(reply);
                out.flush();
            }
        } catch (EOFException | SocketException e) {
            // client closed
        } catch (IOException | RuntimeException e) {
            LOGGER.warn("loopback DNS (tcp) failed on a query", e);
        }
    }

    /** The reply bytes, or null for "do not answer". */
    private byte[] answer(byte[] wire, boolean overUdp) throws IOException {
        Message query = new Message(wire);
        Record question = query.getQuestion();
        if (question == null || query.getHeader().getOpcode() != Opcode.QUERY) {
            return reply(query, Rcode.FORMERR).toWire();
        }
        questions.add(new Question(question.getName(), question.getType(), overUdp));
        switch (zone.faultFor(question.getName(), question.getType())) {
            case TIMEOUT:
                return null;
            case SERVFAIL:
                return reply(query, Rcode.SERVFAIL).toWire();
            case REFUSED:
                return reply(query, Rcode.REFUSED).toWire();
            case GARBAGE:
                return garbage(query);
            case TRUNCATE:
                if (overUdp) {
                    Message truncated = reply(query, Rcode.NOERROR);
                    truncated.getHeader().setFlag(Flags.TC);
                    return truncated.toWire();
                }
                break;
            default:
                break;
        }
        byte[] full = resolve(query, question).toWire();
        if (overUdp && full.length > UDP_PAYLOAD) {
            Message truncated = reply(query, Rcode.NOERROR);
            truncated.getHeader().setFlag(Flags.TC);
            return truncated.toWire();
        }
        return full;
    }

    private Message resolve(Message query, Record question) {
        Message response = reply(query, Rcode.NOERROR);
        int type = question.getType();
        Name current = question.getName();
        boolean answered = false;
        for (int hop = 0; hop < MAX_CNAME_HOPS; hop++) {
            List<Record> here = zone.recordsAt(current);
            List<Record> matching = new ArrayList<>();
            Record cname = null;
            for (Record r : here) {
                if (r.getType() == type || type == Type.ANY) {
                    matching.add(r);
                } else if (r.getType() == Type.CNAME) {
                    cname = r;
                }
            }
            if (!matching.isEmpty()) {
                matching.forEach(r -> response.addRecord(r, Section.ANSWER));
                answered = true;
                break;
            }
            if (cname == null) {
                break;
            }
            response.addRecord(cname, Section.ANSWER);
            current = ((CNAMERecord) cname).getTarget();
        }
        if (!answered && !zone.exists(current)) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        }
        if (!answered) {
            response.addRecord(soa(), Section.AUTHORITY);
        }
        return response;
    }

    private static Message reply(Message query, int rcode) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        response.getHeader().setFlag(Flags.RA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        response.getHeader().setRcode(rcode);
        if (query.getQuestion() != null) {
            response.addRecord(query.getQuestion(), Section.QUESTION);
        }
        return response;
    }

    private static byte[] garbage(Message query) {
        // Right ID and QR bit so the client accepts the packet, then bytes that cannot parse.
        int id = query.getHeader().getID();
        return new byte[] {(byte) (id >> 8), (byte) id, (byte) 0x84, 0, 0, 1, 0, 5, 0, 0, 0, 0, 7, 'g', 'a', 'r'};
    }

    private static SOARecord soa() {
        return new SOARecord(Name.root, DClass.IN, NEGATIVE_TTL, DnsZone.name("ns.loopback.test"),
            DnsZone.name("hostmaster.loopback.test"), 1, 3600, 600, 86400, NEGATIVE_TTL);
    }

    /** One received question. */
    public static final class Question {
        private final Name name;
        private final int type;
        private final boolean udp;

        Question(Name name, int type, boolean udp) {
            this.name = name;
            this.type = type;
            this.udp = udp;
        }

        public String name() {
            return name.toString(true);
        }

        public String type() {
            return Type.string(type);
        }

        public boolean overUdp() {
            return udp;
        }

        @Override
        public String toString() {
            return name() + "/" + type() + (udp ? "/udp" : "/tcp");
        }
    }
}
