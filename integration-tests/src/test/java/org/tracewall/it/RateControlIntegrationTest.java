package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.smtp.SmtpReply;
import org.tracewall.testing.smtp.SmtpTestClient;

/** Rate control, the soft-bounce list and BAD_RCPT_THROTTLE of the gateway sample, over real SMTP. */
class RateControlIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS)
        .property("rate.messagesPer15m", "2")
        .property("rate.recipientsPerMessage", "2")
        .property("rate.dsl.strikes", "2")
        .property("rate.connectionsPerMinute", "10")
        .user("bob@tracewall.local", "bobpw")
        .user("alice@tracewall.local", "alicepw")
        .user("carol@tracewall.local", "carolpw")
        .build();

    @BeforeAll
    static void zones() {
        // Traced senders, so that only the rate limits decide.
        DNS.zone().txt("sender.test", "v=spf1 ip4:127.0.90.0/24 -all");
    }

    @AfterAll
    static void stop() {
        DNS.close();
    }

    private static SmtpReply mailFrom(String clientIp, String from) throws IOException {
        return Gateway.mailFrom(james, clientIp, "out.sender.test", from);
    }

    @Test
    void aClientOverItsMessageRateShouldGet451AndThenLandOnTheSoftBounceList() throws Exception {
        assertThat(mailFrom("127.0.90.5", "a@sender.test").code()).isEqualTo(250);
        assertThat(mailFrom("127.0.90.5", "b@sender.test").code()).isEqualTo(250);

        SmtpReply third = mailFrom("127.0.90.5", "c@sender.test");
        assertThat(third.code()).isEqualTo(451);
        assertThat(third.text()).startsWith("4.7.0 Too many messages from 127.0.90.5 (2 per 15 minutes)");

        SmtpReply fourth = mailFrom("127.0.90.5", "d@sender.test");
        assertThat(fourth.code()).isEqualTo(451);

        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.90.5")) {
            SmtpReply ehlo = smtp.ehlo("out.sender.test");
            assertThat(ehlo.code()).isEqualTo(421);
            assertThat(ehlo.text()).contains("high-frequency soft-bounce list");
        }
    }

    @Test
    void aClientOverItsConnectionRateShouldBeDisconnectedWith421() throws Exception {
        for (int i = 0; i < 10; i++) {
            try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.90.8")) {
                assertThat(smtp.ehlo("out.sender.test").code()).isEqualTo(250);
            }
        }
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.90.8")) {
            SmtpReply fourth = smtp.ehlo("out.sender.test");
            assertThat(fourth.code()).isEqualTo(421);
            assertThat(fourth.text()).startsWith("4.7.0 Too many connections from 127.0.90.8 (10 per minute)");
        }
    }

    @Test
    void tooManyRecipientsShouldGet452ForTheExtraOnes() throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.90.6")) {
            smtp.ehlo("out.sender.test");
            assertThat(smtp.mailFrom("news@sender.test").code()).isEqualTo(250);
            assertThat(smtp.rcptTo("bob@tracewall.local").code()).isEqualTo(250);
            assertThat(smtp.rcptTo("alice@tracewall.local").code()).isEqualTo(250);

            SmtpReply third = smtp.rcptTo("carol@tracewall.local");
            assertThat(third.code()).isEqualTo(452);
            assertThat(third.text()).startsWith("4.5.3 Too many recipients");
        }
    }

    @Test
    void aDirectoryHarvestShouldBeCutOffAfterFiveUnknownRecipients() throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.90.7")) {
            smtp.ehlo("out.sender.test");
            assertThat(smtp.mailFrom("probe@sender.test").code()).isEqualTo(250);
            List<String> guesses = List.of("admin", "info", "sales", "root", "test");
            SmtpReply last = null;
            for (String guess : guesses) {
                last = smtp.rcptTo(guess + "@tracewall.local");
                if (last.code() != 550) {
                    break;
                }
            }
            assertThat(last.code()).isEqualTo(421);
            assertThat(last.text()).contains("Too many unknown recipients (5)");
        }
    }
}
