package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.testing.dns.Fault;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.smtp.SmtpReply;

/**
 * A DNS outage under load (issue 9): every query times out or fails while 40 sessions arrive at
 * once. Each one gets an answer (the SMTP client's read timeout bounds the wait), every answer is
 * a temporary 4xx, never a 5xx, and no message is accepted unchecked.
 */
class DnsOutageIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    static final int SESSIONS = 40;

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS).user("bob@tracewall.local", "pw").build();

    @AfterAll
    static void stop() {
        DNS.close();
    }

    private static List<SmtpReply> concurrentMailFrom(Fault fault) throws Exception {
        DNS.zone().globalFault(fault);
        ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
        try {
            List<Future<SmtpReply>> replies = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                String ip = "127.0.88." + (1 + i);
                String sender = "user" + i + "@outage" + i + ".test";
                replies.add(pool.submit(() -> Gateway.mailFrom(james, ip, "mx.outage.test", sender)));
            }
            List<SmtpReply> answered = new ArrayList<>();
            for (Future<SmtpReply> reply : replies) {
                answered.add(reply.get(5, TimeUnit.MINUTES));
            }
            return answered;
        } finally {
            pool.shutdownNow();
            DNS.zone().globalFault(Fault.NONE);
        }
    }

    @Test
    void everySessionShouldGetATemporaryFailureWhileEveryQueryTimesOut() throws Exception {
        List<SmtpReply> replies = concurrentMailFrom(Fault.TIMEOUT);

        assertThat(replies).hasSize(SESSIONS);
        assertThat(replies).allSatisfy(reply -> assertThat(reply.code()).as(reply.toString()).isBetween(400, 499));
    }

    @Test
    void everySessionShouldGetATemporaryFailureWhileTheResolverAnswersServfail() throws Exception {
        List<SmtpReply> replies = concurrentMailFrom(Fault.SERVFAIL);

        assertThat(replies).hasSize(SESSIONS);
        assertThat(replies).allSatisfy(reply -> assertThat(reply.code()).as(reply.toString()).isBetween(400, 499));
    }
}
