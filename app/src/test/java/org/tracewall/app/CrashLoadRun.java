package org.tracewall.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.imap.StartTlsImap;
import org.tracewall.testing.smtp.SmtpReply;

/**
 * The load run's crash mode, on demand (the name is outside Surefire's and Failsafe's patterns):
 * N messages over M parallel SMTP connections into the packaged durable app, which is killed with
 * SIGKILL when half of them have been accepted, then started again on the same working directory.
 * Every message the client saw accepted (250 after DATA) must be in the mailbox afterwards:
 * {@code lost = 0} is asserted, the rest (refused while down, duplicates, restart time) printed.
 * A SIGKILL needs a JVM of its own, hence here rather than in the in-process LoadRun.
 *
 * <pre>
 * ./mvnw -B -q install -DskipTests
 * ./mvnw -B -pl app verify -Dit.test=CrashLoadRun -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dload.messages=2000 -Dload.connections=8
 * </pre>
 */
class CrashLoadRun {
    static final int MESSAGES = Integer.getInteger("load.messages", 2000);
    static final int CONNECTIONS = Integer.getInteger("load.connections", 8);

    @Test
    void aKillInTheMiddleOfALoadShouldLoseNoAcceptedMessage() throws Exception {
        Path work = Files.createTempDirectory("tracewall-crash-load");
        try (LoopbackDnsServer dns = LoopbackDnsServer.startOrFail();
             DurableApp app = DurableApp.configure(work, dns, "").start()) {
            Set<String> accepted = ConcurrentHashMap.newKeySet();
            AtomicInteger notAccepted = new AtomicInteger();
            AtomicBoolean killed = new AtomicBoolean();
            List<String> spoolAtKill = new ArrayList<>(List.of("?"));
            long start = System.nanoTime();
            ExecutorService clients = Executors.newFixedThreadPool(CONNECTIONS);
            AtomicInteger next = new AtomicInteger();
            for (int c = 0; c < CONNECTIONS; c++) {
                clients.submit(() -> {
                    for (int id = next.getAndIncrement(); id < MESSAGES; id = next.getAndIncrement()) {
                        if (sendOne(app, id)) {
                            accepted.add(Integer.toString(id));
                            if (accepted.size() >= MESSAGES / 2 && killed.compareAndSet(false, true)) {
                                spoolAtKill.set(0, spoolSize(app));
                                app.kill();
                            }
                        } else {
                            notAccepted.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.MINUTES)).isTrue();
            double sendSeconds = (System.nanoTime() - start) / 1e9;

            long restart = System.nanoTime();
            app.start();
            double restartSeconds = (System.nanoTime() - restart) / 1e9;
            List<String> delivered = awaitDelivered(app, accepted.size());

            Set<String> found = new HashSet<>(delivered);
            Set<String> lost = new TreeSet<>(accepted);
            lost.removeAll(found);
            System.out.printf(Locale.ROOT, "crash load: %d messages over %d connections in %.1f s, SIGKILL after %d accepted"
                + " (%s of them still in the spool); accepted %d, not accepted (server down) %d; restart %.1f s;"
                + " delivered %d (duplicates %d); lost = %d %s%n",
                MESSAGES, CONNECTIONS, sendSeconds, MESSAGES / 2, spoolAtKill.get(0), accepted.size(), notAccepted.get(), restartSeconds,
                found.size(), delivered.size() - found.size(), lost.size(), lost.isEmpty() ? "" : lost);
            assertThat(lost).as("accepted before the kill but not delivered after the restart").isEmpty();
        }
    }

    /** Mails waiting in James's spool queue now, as WebAdmin counts them. */
    private static String spoolSize(DurableApp app) {
        try {
            String answer = app.webAdmin("GET", "/mailQueues/spool", null);
            java.util.regex.Matcher size = java.util.regex.Pattern.compile("\"size\":(\\d+)").matcher(answer);
            return size.find() ? size.group(1) : answer;
        } catch (Exception e) {
            return "? (" + e + ")";
        }
    }

    /** True when the server answered 250 after DATA; a refused or broken connection (the server is down) is not accepted. */
    private static boolean sendOne(DurableApp app, int id) {
        try {
            SmtpReply reply = app.send("load" + id % 20 + "@example.org", "bob@tracewall.local",
                "Subject: load " + id + "\r\nX-Load-Id: " + id);
            return reply.code() == 250;
        } catch (IOException | RuntimeException down) {
            return false;
        }
    }

    /** The X-Load-Id of every message in bob's INBOX, once the count stops growing or reaches what was accepted. */
    private static List<String> awaitDelivered(DurableApp app, int accepted) throws IOException {
        String password = app.generatedPassword("bob@tracewall.local");
        List<List<String>> last = new ArrayList<>(List.of(List.of()));
        AtomicInteger unchanged = new AtomicInteger();
        Awaitility.await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(5)).until(() -> {
            List<String> now = StartTlsImap.headerValues(app.imap, "bob@tracewall.local", password, "X-Load-Id");
            unchanged.set(now.size() == last.get(0).size() ? unchanged.get() + 1 : 0);
            last.set(0, now);
            return new HashSet<>(now).size() >= accepted || unchanged.get() >= 6;
        });
        return last.get(0);
    }
}
