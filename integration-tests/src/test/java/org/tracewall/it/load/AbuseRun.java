package org.tracewall.it.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.tracewall.it.Gateway;
import org.tracewall.testing.dns.Fault;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.smtp.SmtpReply;
import org.tracewall.testing.smtp.SmtpTestClient;

/**
 * The abuse bench, on demand, never in the suite (outside Surefire's test patterns): how long a
 * good client waits for its banner and its MAIL FROM reply while an attacker holds sessions whose
 * sender domains never answer DNS, with the gateway sample as shipped ("guarded") and as it was
 * before (James's 4 default network threads on 2 cores, no bound on sessions waiting on DNS,
 * no per-client connection handler). Figures are printed; only "the good client was never refused
 * with a 5xx" is asserted. The resolver has its production timings (2 s per try, 6 s deadline).
 *
 * <pre>
 * ./mvnw -B -q install -DskipTests
 * ./mvnw -B -pl integration-tests verify -Dtest=AbuseRun -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dabuse.seconds=20 -Dabuse.attackers=60 -Dabuse.attackerNetworks=20
 * </pre>
 */
class AbuseRun {
    static final int SECONDS = Integer.getInteger("abuse.seconds", 20);
    static final int ATTACKERS = Integer.getInteger("abuse.attackers", 60);
    /** Attacker sessions come from this many /24 networks (127.0.100.1, 127.0.101.1, ...): enough to reach dns.pendingTotal. */
    static final int ATTACKER_NETWORKS = Integer.getInteger("abuse.attackerNetworks", 20);
    /** The good client rotates over this many addresses: one address would reach the sample's connection rate limit. */
    static final int GOOD_ADDRESSES = 200;

    @Test
    void aGoodClientShouldBeServedWhileAnAttackerWaitsOnDns() throws Exception {
        List<String> reports = new ArrayList<>();
        for (boolean guarded : new boolean[] {false, true}) {
            reports.add(run(guarded));
        }
        reports.forEach(System.out::println);
    }

    private String run(boolean guarded) throws Exception {
        try (LoopbackDnsServer dns = LoopbackDnsServer.startOrFail()) {
            dns.zone().txt("good.test", "v=spf1 ip4:127.0.20.0/24 -all");
            for (int host = 1; host <= GOOD_ADDRESSES; host++) {
                dns.zone().ptr("127.0.20." + host, "out" + host + ".good.test").a("out" + host + ".good.test", "127.0.20." + host);
            }
            for (int i = 0; i < ATTACKERS; i++) {
                dns.zone().fault("never" + i + ".test", Fault.TIMEOUT);
            }
            TracewallJamesExtension james = configure(Gateway.builder(dns), guarded).build();
            james.start();
            try {
                Latencies quiet = probe(james, null);
                Latencies attacked = probe(james, () -> attack(james));
                assertThat(quiet.refused5xx + attacked.refused5xx).as("5xx replies to the good client").isZero();
                return String.format(Locale.ROOT, "%s:%n  no attack:     %s%n  under attack:  %s",
                    guarded ? "guarded (as shipped)" : "unguarded (before)", quiet, attacked);
            } finally {
                james.stop();
            }
        }
    }

    private static TracewallJamesExtension.Builder configure(TracewallJamesExtension.Builder builder, boolean guarded) {
        builder.property("dns.timeout", "2s").property("dns.retries", "1").property("dns.deadline", "6s");
        if (guarded) {
            return builder;
        }
        String smtp = Gateway.sample("smtpserver.xml")
            .replaceAll("<ioWorkerCount>\\d+</ioWorkerCount>", "<ioWorkerCount>4</ioWorkerCount>")
            .replaceAll("(?s)<handler class=\"org.tracewall.james.smtp.ConnectionsPerClientHandler\">.*?</handler>", "");
        return builder.confFile("smtpserver.xml", smtp).property("dns.pendingPerNetwork", "0")
            .property("dns.pendingPerZone", "0").property("dns.pendingTotal", "0");
    }

    /** Good-client sessions, one after another, for the phase; the attack (if any) runs meanwhile. */
    private static Latencies probe(TracewallJamesExtension james, Runnable attack) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService attackers = Executors.newSingleThreadExecutor();
        if (attack != null) {
            attackers.submit(() -> {
                while (!stop.get()) {
                    attack.run();
                }
            });
            Thread.sleep(2000);
        }
        Latencies latencies = new Latencies();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        for (int i = 0; i < 10_000 && System.nanoTime() < end; i++) {
            long start = System.nanoTime();
            int host = 1 + i % GOOD_ADDRESSES;
            try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.20." + host)) {
                long banner = System.nanoTime();
                smtp.ehlo("out" + host + ".good.test");
                long mailStart = System.nanoTime();
                SmtpReply reply = smtp.mailFrom("news" + i + "@good.test");
                long mail = System.nanoTime();
                latencies.add(banner - start, mail - mailStart, reply);
                smtp.quit();
            } catch (IOException e) {
                latencies.failed(e);
            }
            Thread.sleep(100);
        }
        stop.set(true);
        attackers.shutdownNow();
        attackers.awaitTermination(30, TimeUnit.SECONDS);
        return latencies;
    }

    /** One wave: ATTACKERS sessions over ATTACKER_NETWORKS networks, each asking about a domain that never answers. */
    private static void attack(TracewallJamesExtension james) {
        ExecutorService wave = Executors.newFixedThreadPool(ATTACKERS);
        AtomicInteger index = new AtomicInteger();
        for (int i = 0; i < ATTACKERS; i++) {
            wave.submit(() -> {
                int n = index.getAndIncrement();
                try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0." + (100 + n % ATTACKER_NETWORKS) + ".1")) {
                    smtp.ehlo("x" + n + ".attacker.test");
                    smtp.mailFrom("a@never" + n + ".test");
                } catch (IOException refused) {
                    // Refused or closed: what the guards are for.
                }
            });
        }
        wave.shutdown();
        try {
            wave.awaitTermination(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Banner and MAIL FROM latencies of the good client, in ms. */
    static final class Latencies {
        private final List<Double> banner = new ArrayList<>();
        private final List<Double> mail = new ArrayList<>();
        private final java.util.Map<String, Integer> failures = new java.util.TreeMap<>();
        int refused5xx;
        int deferred;
        int failed;

        void failed(IOException e) {
            failed++;
            String reason = String.valueOf(e.getMessage());
            failures.merge(reason.length() > 60 ? reason.substring(0, 60) : reason, 1, Integer::sum);
        }

        void add(long bannerNanos, long mailNanos, SmtpReply reply) {
            banner.add(bannerNanos / 1e6);
            mail.add(mailNanos / 1e6);
            if (reply.code() >= 500) {
                refused5xx++;
            } else if (reply.code() >= 400) {
                deferred++;
                String text = reply.text();
                failures.merge(reply.code() + " " + (text.length() > 50 ? text.substring(0, 50) : text), 1, Integer::sum);
            }
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d sessions; banner p50 %.1f / p99 %.1f / max %.1f ms; MAIL p50 %.1f / p99 %.1f / max %.1f ms;"
                + " deferred %d, refused %d, failed %d %s", banner.size(), pct(banner, 50), pct(banner, 99), pct(banner, 100),
                pct(mail, 50), pct(mail, 99), pct(mail, 100), deferred, refused5xx, failed, failures);
        }

        private static double pct(List<Double> values, int percentile) {
            if (values.isEmpty()) {
                return 0;
            }
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
        }
    }
}
