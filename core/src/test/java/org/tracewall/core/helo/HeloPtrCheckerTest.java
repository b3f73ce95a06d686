package org.tracewall.core.helo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tracewall.core.dns.DnsAnswer;
import org.tracewall.core.dns.DnsConfig;
import org.tracewall.core.dns.DnsJavaResolver;
import org.tracewall.core.dns.DnsResolver;
import org.tracewall.testing.dns.Fault;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

class HeloPtrCheckerTest {
    private static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    private HeloPtrChecker checker;

    @AfterAll
    static void stop() {
        DNS.close();
    }

    @BeforeEach
    void setUp() {
        DNS.zone().clear()
            .a("mail.example.com", "192.0.2.25").ptr("192.0.2.25", "mail.example.com")
            .ptr("192.0.2.26", "forged.example.com").a("forged.example.com", "198.51.100.1")
            .a("other.example.com", "192.0.2.99");
        checker = new HeloPtrChecker(DnsJavaResolver.create(DnsConfig.builder().server(DNS.address())
            .timeout(Duration.ofMillis(300)).retries(0).deadline(Duration.ofMillis(600)).build()));
    }

    private HeloPtrVerdict check(String ip, String helo) throws Exception {
        return checker.check(InetAddress.getByName(ip), helo);
    }

    @Test
    void aWellConfiguredHostShouldHaveNoFinding() throws Exception {
        HeloPtrVerdict verdict = check("192.0.2.25", "mail.example.com");

        assertThat(verdict.findings()).isEmpty();
        assertThat(verdict.confirmedPtr()).contains("mail.example.com");
    }

    @Test
    void aHeloThatIsNotAnFqdnShouldBeFound() throws Exception {
        assertThat(check("192.0.2.25", "localhost").findings()).contains(HeloPtrResult.HELO_NOT_FQDN);
        assertThat(check("192.0.2.25", "192.0.2.25").findings()).contains(HeloPtrResult.HELO_NOT_FQDN);
    }

    @Test
    void anUnresolvableHeloShouldBeFound() throws Exception {
        assertThat(check("192.0.2.25", "nowhere.example.com").findings()).contains(HeloPtrResult.HELO_UNRESOLVABLE);
    }

    @Test
    void theClientsOwnAddressLiteralShouldBeAcceptedAndAnotherOneFound() throws Exception {
        assertThat(check("192.0.2.25", "[192.0.2.25]").findings()).isEmpty();
        assertThat(check("192.0.2.25", "[10.0.0.1]").findings()).contains(HeloPtrResult.HELO_LITERAL_MISMATCH);
    }

    @Test
    void aClientWithoutPtrShouldBeFound() throws Exception {
        assertThat(check("192.0.2.77", "other.example.com").findings()).contains(HeloPtrResult.NO_PTR);
    }

    @Test
    void aPtrThatDoesNotLeadBackShouldBeFound() throws Exception {
        assertThat(check("192.0.2.26", "forged.example.com").findings()).contains(HeloPtrResult.PTR_NOT_CONFIRMED);
    }

    @Test
    void aHeloOtherThanTheConfirmedPtrShouldBeFound() throws Exception {
        assertThat(check("192.0.2.25", "other.example.com").findings()).containsExactly(HeloPtrResult.HELO_PTR_MISMATCH);
    }

    @Test
    void dnsTroubleShouldFindNothingAndSaySo() throws Exception {
        DNS.zone().globalFault(Fault.SERVFAIL);

        HeloPtrVerdict verdict = check("192.0.2.25", "mail.example.com");

        assertThat(verdict.findings()).isEmpty();
        assertThat(verdict.incomplete()).isTrue();
    }

    @Test
    void theHeloNameAndThePtrShouldBeAskedAtOnce() throws Exception {
        HeldAnswers held = new HeldAnswers(DnsJavaResolver.create(DnsConfig.builder().server(DNS.address())
            .timeout(Duration.ofMillis(300)).retries(0).deadline(Duration.ofMillis(600)).build()));
        CompletableFuture<HeloPtrVerdict> verdict = CompletableFuture.supplyAsync(() -> {
            try {
                return new HeloPtrChecker(held).check(InetAddress.getByName("192.0.2.25"), "mail.example.com");
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        });

        // HELO A, HELO AAAA and the PTR: all three asked before any answer is given.
        int asked = held.awaitPending(3);
        held.releaseAll();

        assertThat(asked).isEqualTo(3);
        assertThat(verdict.get(10, TimeUnit.SECONDS).findings()).isEmpty();
    }

    /** A resolver that answers only when the test says so, counting the questions waiting for an answer. */
    private static final class HeldAnswers implements DnsResolver {
        private final DnsResolver delegate;
        private final List<Runnable> pending = new ArrayList<>();
        private boolean released;

        HeldAnswers(DnsResolver delegate) {
            this.delegate = delegate;
        }

        @Override
        public synchronized CompletionStage<DnsAnswer<Record>> lookupAsync(Name name, int type) {
            CompletableFuture<DnsAnswer<Record>> answer = new CompletableFuture<>();
            Runnable release = () -> delegate.lookupAsync(name, type).thenAccept(answer::complete);
            if (released) {
                release.run();
            } else {
                pending.add(release);
                notifyAll();
            }
            return answer;
        }

        /** How many questions wait, once {@code expected} do or after 5 s (a sequential check never gets there). */
        synchronized int awaitPending(int expected) throws InterruptedException {
            for (int round = 0; round < 50 && pending.size() < expected; round++) {
                wait(100);
            }
            return pending.size();
        }

        synchronized void releaseAll() {
            released = true;
            pending.forEach(Runnable::run);
            pending.clear();
        }
    }
}
