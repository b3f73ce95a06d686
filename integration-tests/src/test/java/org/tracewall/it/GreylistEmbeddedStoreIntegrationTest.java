package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.james.TracewallClock;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.smtp.SmtpReply;
import org.tracewall.testing.smtp.SmtpTestClient;

/**
 * Greylisting with the default (embedded) store and the sample's 300 s delay, over real SMTP;
 * time is moved by the test, never slept.
 */
class GreylistEmbeddedStoreIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    static final AtomicLong NOW = new AtomicLong(System.currentTimeMillis());
    static final TracewallClock CLOCK = NOW::get;

    @RegisterExtension
    static TracewallJamesExtension james = TracewallJamesExtension.builder()
        .sample("gateway")
        .dns(DNS::hostAndPort)
        .override(binder -> binder.bind(TracewallClock.class).toInstance(CLOCK))
        .user("bob@tracewall.local", "bobpw")
        .build();

    @AfterAll
    static void stop() {
        DNS.close();
    }

    private static SmtpReply rcpt(String clientIp, String from, String to) throws Exception {
        return Gateway.rcpt(james, clientIp, "out.example", from, to);
    }

    @Test
    void aRetryShouldBeDeferredBeforeTheDelayAcceptedAfterItAndRememberedAcrossARestart() throws Exception {
        DNS.zone().txt("neutral.test", "v=spf1 ?all");

        SmtpReply first = rcpt("127.0.84.5", "news@neutral.test", "bob@tracewall.local");
        assertThat(first.code()).isEqualTo(451);
        assertThat(first.text()).isEqualTo("4.7.1 Greylisted (new triplet): please try again in 300 seconds");

        NOW.addAndGet(Duration.ofSeconds(100).toMillis());
        SmtpReply early = rcpt("127.0.84.5", "news@neutral.test", "bob@tracewall.local");
        assertThat(early.code()).isEqualTo(451);
        assertThat(early.text()).isEqualTo("4.7.1 Greylisted (retried too early): please try again in 200 seconds");

        NOW.addAndGet(Duration.ofSeconds(201).toMillis());
        assertThat(rcpt("127.0.84.6", "news@neutral.test", "bob@tracewall.local").code()).isEqualTo(250);

        james.restart();

        NOW.addAndGet(Duration.ofDays(7).toMillis());
        assertThat(rcpt("127.0.84.7", "news@neutral.test", "bob@tracewall.local").code())
            .as("the passed triplet survives a restart in the embedded store").isEqualTo(250);
        assertThat(rcpt("127.0.84.7", "other@neutral.test", "bob@tracewall.local").code())
            .as("a new triplet is still greylisted after the restart").isEqualTo(451);
    }

    @Test
    void anAuthenticatedClientShouldNeverBeGreylisted() throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.84.20")) {
            smtp.ehlo("laptop.example");
            assertThat(smtp.authPlain("bob@tracewall.local", "bobpw").code()).isEqualTo(235);
            assertThat(smtp.mailFrom("bob@tracewall.local").code()).isEqualTo(250);
            assertThat(smtp.rcptTo("someone@elsewhere.example").code()).isEqualTo(250);
        }
    }
}
