package org.tracewall.it.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.utils.SpoolerProbe;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.tracewall.it.Gateway;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TimersProbe;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.redis.RedisServerProcess;
import org.tracewall.testing.smtp.SmtpReply;
import org.tracewall.testing.smtp.SmtpTestClient;

/**
 * The load command (issue 9), on demand, never in the suite (the name is outside Surefire's test
 * patterns): N messages over M parallel SMTP connections, each from its own loopback address,
 * into an in-process James with the full gateway sample, then every message accounted for:
 * accepted = delivered + quarantined (+ bounced), refused and deferred counted by reply, and
 * lost = 0 or the lost ids. The same run against the sample with every Tracewall component
 * removed gives the overhead ratio. Figures are printed; only "nothing lost" is asserted. With
 * {@code -Dload.redisOutage=true} the Tracewall run keeps its state in a real redis-server that is
 * stopped after a third of the messages and started again after two thirds (fail open, no loss).
 *
 * <pre>
 * ./mvnw -B -q install -DskipTests
 * ./mvnw -B -pl integration-tests verify -Dtest=LoadRun -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dload.messages=10000 -Dload.connections=8 [-Dload.redisOutage=true]
 * </pre>
 */
class LoadRun {
    static final int MESSAGES = Integer.getInteger("load.messages", 2000);
    /**
     * Messages sent to each configuration first and not counted, so that neither run pays the JIT's
     * warm-up. As many as are measured: with a quarter of them, the first measured run was still
     * the slowest of the four in each of four runs (154 to 212 against 214 to 335 transactions/s).
     */
    static final int WARMUP = Integer.getInteger("load.warmup", MESSAGES);
    static final int CONNECTIONS = Integer.getInteger("load.connections", 8);
    static final boolean REDIS_OUTAGE = Boolean.getBoolean("load.redisOutage");
    static final int USERS = 20;
    static final String QUARANTINE = "file://var/mail/quarantine/";
    static final Pattern LOAD_ID = Pattern.compile("(?i)X-Load-Id: (\\d+)");

    @Test
    void loadShouldLoseNothing() throws Exception {
        run(false, WARMUP);
        run(true, WARMUP);
        // Measured in the order A B B A, so that neither configuration gains from running after the
        // other warmed the JIT further: each figure is the mean of its two runs.
        Result tracewall = run(false, MESSAGES);
        Result plain = run(true, MESSAGES);
        Result plainAgain = run(true, MESSAGES);
        Result tracewallAgain = run(false, MESSAGES);
        System.out.println(tracewall.report("tracewall (1st)"));
        System.out.println(tracewallAgain.report("tracewall (2nd)"));
        System.out.println(plain.report("plain James (1st)"));
        System.out.println(plainAgain.report("plain James (2nd)"));
        System.out.println(breakdown(tracewall, plain));
        double tracewallSeconds = (tracewall.sendSeconds + tracewallAgain.sendSeconds) / 2;
        double plainSeconds = (plain.sendSeconds + plainAgain.sendSeconds) / 2;
        double tracewallP50 = (tracewall.percentile(50) + tracewallAgain.percentile(50)) / 2;
        double plainP50 = (plain.percentile(50) + plainAgain.percentile(50)) / 2;
        System.out.printf(Locale.ROOT, "overhead (means of A B B A): SMTP transactions/s plain / tracewall = %.2f (%.0f vs %.0f/s); "
            + "p50 latency tracewall / plain = %.2f (%.1f vs %.1f ms)%n", tracewallSeconds / plainSeconds, MESSAGES / tracewallSeconds,
            MESSAGES / plainSeconds, tracewallP50 / Math.max(0.001, plainP50), tracewallP50, plainP50);
        double tracewallCpu = (tracewall.cpuSeconds + tracewallAgain.cpuSeconds) / 2;
        double plainCpu = (plain.cpuSeconds + plainAgain.cpuSeconds) / 2;
        System.out.printf(Locale.ROOT, "CPU per message sent, tracewall / plain = %.2f (%.2f vs %.2f ms)%n", tracewallCpu / plainCpu,
            1000 * tracewallCpu / MESSAGES, 1000 * plainCpu / MESSAGES);
        for (Result result : List.of(tracewall, tracewallAgain, plain, plainAgain)) {
            assertThat(result.lost).as("lost").isEmpty();
        }
    }

    private Result run(boolean plain, int messages) throws Exception {
        try (LoopbackDnsServer dns = LoopbackDnsServer.startOrFail()) {
            dns.zone().txt("sender.load.test", "v=spf1 ip4:127.0.90.0/23 -all")
                .txt("forged.load.test", "v=spf1 ip4:192.0.2.1 -all")
                .txt("neutral.load.test", "v=spf1 ?all");
            // Every client is a well-configured host: forward-confirmed PTR, resolvable HELO.
            for (int net = 90; net <= 92; net++) {
                for (int host = 1; host <= 200; host++) {
                    String ip = "127.0." + net + "." + host;
                    dns.zone().ptr(ip, hostName(ip)).a(hostName(ip), ip);
                }
            }
            RedisServerProcess redis = REDIS_OUTAGE && !plain ? RedisServerProcess.startOnFreePort() : null;
            TracewallJamesExtension.Builder builder = TracewallJamesExtension.builder().sample("gateway").dns(dns::hostAndPort)
                .property("store.type", redis == null ? "memory" : "redis")
                .property("store.redis.uri", redis == null ? "redis://127.0.0.1:6379" : redis.uri())
                .property("store.redis.timeout", "500ms")
                // The load's hosts share three /24 networks, where real senders are spread over many:
                // the per-network bound on sessions waiting for DNS would defer them as one attacker.
                .property("dns.pendingPerNetwork", String.valueOf(Math.max(4, CONNECTIONS)))
                .property("dns.pendingPerZone", String.valueOf(Math.max(4, CONNECTIONS)))
                // The load's 150 senders send every kind of the mix, again and again: what is learned of
                // them (auto-whitelist -5, reputation -2 or +4) would move each share of the mix to
                // another action as the run goes on. Those checks still run; only their weights are 0.
                // Traced senders also collect TRACE_TRACEABLE and DMARC_ALIGNED (-3 in all), which the
                // rule weights below allow for: tagged at 7, quarantined at 12, refused at 27.
                .property("score.weight.AUTO_WHITELIST", "0")
                .property("score.weight.REPUTATION_GOOD", "0")
                .property("score.weight.REPUTATION_BAD", "0")
                .property("score.rule.LOAD_TAG.in", "Subject").property("score.rule.LOAD_TAG.pattern", "load-tag")
                .property("score.rule.LOAD_TAG.weight", "10")
                .property("score.rule.LOAD_QUARANTINE.in", "Subject").property("score.rule.LOAD_QUARANTINE.pattern", "load-quarantine")
                .property("score.rule.LOAD_QUARANTINE.weight", "15")
                .property("score.rule.LOAD_REFUSE.in", "Subject").property("score.rule.LOAD_REFUSE.pattern", "load-refuse")
                .property("score.rule.LOAD_REFUSE.weight", "30");
            if (plain) {
                builder.confFile("smtpserver.xml", PlainJames.smtpServer(Gateway.sample("smtpserver.xml")))
                    .confFile("mailetcontainer.xml", PlainJames.mailetContainer(Gateway.sample("mailetcontainer.xml")));
            }
            for (int u = 0; u < USERS; u++) {
                builder.user("user" + u + "@tracewall.local", "pw");
            }
            TracewallJamesExtension james = builder.build();
            james.start();
            try {
                dns.resetQueries();
                Result result = send(james, redis, messages);
                dns.questions().forEach(q -> result.dnsQuestions.merge(q.type() + " " + q.name().replaceAll("\\d+", "N"), 1,
                    Integer::sum));
                return result;
            } finally {
                james.stop();
                if (redis != null) {
                    redis.close();
                }
            }
        }
    }

    private Result send(TracewallJamesExtension james, RedisServerProcess redis, int messages) throws Exception {
        Result result = new Result(messages);
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        for (int c = 0; c < CONNECTIONS; c++) {
            pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < messages; i = next.getAndIncrement()) {
                    if (redis != null && i == messages / 3) {
                        redis.stop();
                        result.outage.append("redis-server stopped before message ").append(i);
                    } else if (redis != null && i == 2 * messages / 3) {
                        redis.start();
                        result.outage.append(", started again before message ").append(i);
                    }
                    result.record(i, sendOne(james, i));
                }
                return null;
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.MINUTES)).as("sending finished").isTrue();
        result.sendSeconds = (System.nanoTime() - start) / 1e9;
        awaitSpoolIdle(james);
        result.deliverSeconds = (System.nanoTime() - start) / 1e9;
        result.cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
        result.timers.putAll(james.server().getProbe(TimersProbe.class).timers());
        result.counters.putAll(james.server().getProbe(TimersProbe.class).counters());
        account(james, result);
        return result;
    }

    private static Reply sendOne(TracewallJamesExtension james, int i) throws IOException {
        MessageMix kind = MessageMix.of(i);
        // Traced senders come from 127.0.90-91.x (their SPF); others from 127.0.92.x.
        String ip = kind == MessageMix.UNTRACEABLE || kind == MessageMix.GREYLISTED
            ? "127.0.92." + (1 + i % 200) : "127.0.9" + (i % 2) + "." + (1 + (i / 2) % 200);
        String from = "s" + (i % 150) + "@" + kind.senderDomain();
        String to = "user" + (i % USERS) + "@tracewall.local";
        String message = "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + kind.subject(i) + "\r\nX-Load-Id: " + i
            + "\r\nMessage-ID: <load-" + i + "@load.test>\r\n\r\nLoad message " + i + ".\r\n";
        long t0 = System.nanoTime();
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), ip)) {
            smtp.ehlo(hostName(ip));
            SmtpReply reply = smtp.send(from, List.of(to), message);
            return new Reply(reply.code(), reply.text(), (System.nanoTime() - t0) / 1_000_000.0);
        }
    }

    /**
     * James's timers of both runs side by side (SMTP commands, mailets, matchers), in milliseconds
     * per message sent: where the time of a transaction goes, and what Tracewall adds to each phase.
     */
    static String breakdown(Result tracewall, Result plain) {
        StringBuilder text = new StringBuilder("== per-phase breakdown: ms per message sent (James's timers: count x mean; "
            + "tracewall-hook-*: the hook's total)\n");
        text.append(String.format(Locale.ROOT, "%-60s %10s %10s%n", "timer", "tracewall", "plain"));
        Set<String> names = new TreeSet<>(tracewall.timers.keySet());
        names.addAll(plain.timers.keySet());
        for (String name : names) {
            double withTracewall = tracewall.perMessage(name);
            double without = plain.perMessage(name);
            if (Math.max(withTracewall, without) >= 0.005) {
                text.append(String.format(Locale.ROOT, "%-60s %10.3f %10.3f%n", name, withTracewall, without));
            }
        }
        return text.toString();
    }

    /**
     * CPU time of the whole JVM (server, load client, loopback DNS): per message, a steadier
     * measure than throughput on a machine whose speed drifts, since it does not count waiting.
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    }

    static String hostName(String ip) {
        return "mx-" + ip.replace('.', '-') + ".hosts.load.test";
    }

    private static void awaitSpoolIdle(TracewallJamesExtension james) throws InterruptedException {
        SpoolerProbe spooler = james.server().getProbe(SpoolerProbe.class);
        int idleChecks = 0;
        for (int round = 0; round < 1200 && idleChecks < 5; round++) {
            idleChecks = spooler.processingFinished() ? idleChecks + 1 : 0;
            Thread.sleep(500);
        }
    }

    private static void account(TracewallJamesExtension james, Result result) throws Exception {
        for (int u = 0; u < USERS; u++) {
            result.delivered.addAll(inboxIds(james.imapPort(), "user" + u + "@tracewall.local"));
        }
        for (Mail mail : james.repositoryMails(QUARANTINE)) {
            Matcher m = LOAD_ID.matcher(String.join("\n", Collections.list(mail.getMessage().getAllHeaderLines())));
            if (m.find()) {
                result.quarantined.add(Integer.parseInt(m.group(1)));
            }
        }
        for (int id : result.accepted) {
            if (!result.delivered.contains(id) && !result.quarantined.contains(id)) {
                result.lost.add(id);
            }
        }
    }

    /** The X-Load-Id of every message in a user's INBOX, over a plain IMAP session. */
    static Set<Integer> inboxIds(int port, String user) throws IOException {
        Set<Integer> ids = new TreeSet<>();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            in.readLine();
            command(out, in, "a1 LOGIN " + user + " pw", "a1 ");
            command(out, in, "a2 SELECT INBOX", "a2 ");
            for (String line : command(out, in, "a3 FETCH 1:* (BODY.PEEK[HEADER.FIELDS (X-LOAD-ID)])", "a3 ")) {
                Matcher m = LOAD_ID.matcher(line);
                if (m.find()) {
                    ids.add(Integer.parseInt(m.group(1)));
                }
            }
            command(out, in, "a4 LOGOUT", "a4 ");
        }
        return ids;
    }

    private static List<String> command(OutputStream out, BufferedReader in, String command, String tag) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        List<String> lines = new ArrayList<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lines.add(line);
            if (line.startsWith(tag)) {
                break;
            }
        }
        return lines;
    }


    /** One SMTP transaction's outcome. */
    static final class Reply {
        final int code;
        final String text;
        final double millis;

        Reply(int code, String text, double millis) {
            this.code = code;
            this.text = text;
            this.millis = millis;
        }
    }

    /** Everything counted in one run. */
    static final class Result {
        final int messages;
        final Set<Integer> accepted = ConcurrentHashMap.newKeySet();
        final Set<Integer> delivered = ConcurrentHashMap.newKeySet();
        final Set<Integer> quarantined = ConcurrentHashMap.newKeySet();
        final Set<Integer> lost = new TreeSet<>();
        final Map<String, AtomicInteger> refusedByReason = new ConcurrentHashMap<>();
        final List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        double sendSeconds;
        double deliverSeconds;
        double cpuSeconds;

        Result(int messages) {
            this.messages = messages;
        }

        void record(int id, Reply reply) {
            latencies.add(reply.millis);
            if (reply.code == 250) {
                accepted.add(id);
            } else {
                // The code, the enhanced status and the first word: "550 5.7.23 spf-fail:", "451 4.7.1 Greylisted".
                String[] words = reply.text.split("\\s+");
                String reason = reply.code + " " + String.join(" ", java.util.Arrays.copyOf(words, Math.min(2, words.length)));
                refusedByReason.computeIfAbsent(reason, k -> new AtomicInteger()).incrementAndGet();
            }
        }

        final StringBuffer outage = new StringBuffer();
        final Map<String, TimersProbe.Measure> timers = new TreeMap<>();
        final Map<String, Long> counters = new TreeMap<>();
        final Map<String, Integer> dnsQuestions = new TreeMap<>();

        /** A hook's total milliseconds (HookTimers' counter) when there is one, else James's count x mean. */
        double perMessage(String timer) {
            Long totalMillis = counters.get(timer + "-ms");
            if (totalMillis != null) {
                return totalMillis / (double) messages;
            }
            TimersProbe.Measure measure = timers.get(timer);
            return measure == null ? 0 : measure.count() * measure.meanMillis() / messages;
        }

        double acceptedPerSecond() {
            return accepted.size() / sendSeconds;
        }

        double percentile(int p) {
            List<Double> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
        }

        String report(String name) {
            StringBuilder text = new StringBuilder();
            text.append(String.format(Locale.ROOT, "== %s: %d messages over %d connections (after %d to warm up)%n", name, messages,
                CONNECTIONS, WARMUP));
            text.append(String.format(Locale.ROOT, "SMTP transactions %.0f/s (accepted or not)%n", messages / sendSeconds));
            text.append(String.format(Locale.ROOT, "accepted %d (%.0f msg/s), delivered %d, quarantined %d; all processed after %.1f s "
                + "(%.0f msg/s delivered)%n", accepted.size(), acceptedPerSecond(), delivered.size(), quarantined.size(), deliverSeconds,
                (delivered.size() + quarantined.size()) / deliverSeconds));
            new TreeMap<>(refusedByReason).forEach((reason, count) -> text.append("  not accepted: ").append(count).append(" x ")
                .append(reason).append('\n'));
            text.append(String.format(Locale.ROOT, "SMTP transaction latency p50 %.1f ms, p99 %.1f ms%n", percentile(50), percentile(99)));
            text.append(String.format(Locale.ROOT, "CPU of the JVM until the spool was idle: %.2f ms per message sent%n",
                1000 * cpuSeconds / messages));
            text.append("DNS questions the loopback server answered: ").append(dnsQuestions.values().stream().mapToInt(Integer::intValue)
                .sum()).append(' ').append(dnsQuestions).append('\n');
            if (outage.length() > 0) {
                text.append(outage).append('\n');
            }
            text.append("lost = ").append(lost.size()).append(lost.isEmpty() ? "" : " " + lost).append('\n');
            return text.toString();
        }
    }
}
