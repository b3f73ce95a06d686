package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.smtp.SmtpReply;
import org.tracewall.testing.smtp.SmtpTestClient;

/**
 * Learned reputation over real SMTP (ReputationHook, taught by ScoreHook's refusals and
 * ScoreMessage's decisions): a client whose mail was refused carries REPUTATION_BAD into its next,
 * clean, message, and so does a new address of its network and cluster (the same HELO shape and
 * sender domain); a client whose mail was accepted clean earns REPUTATION_GOOD.
 */
class ReputationIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS)
        .property("reputation.minWeight", "2")
        .property("score.rule.CASINO.in", "body").property("score.rule.CASINO.pattern", "zq-casino-bonus")
        .property("score.rule.CASINO.weight", "30")
        .user("bob@tracewall.local", "pw").user("carol@tracewall.local", "pw").user("dave@tracewall.local", "pw").user("erin@tracewall.local", "pw")
        .build();

    @BeforeAll
    static void zones() {
        DNS.zone().txt("bad.test", "v=spf1 ip4:127.0.91.0/24 -all").txt("good.test", "v=spf1 ip4:127.0.92.0/24 -all");
        for (String host : List.of("5", "6")) {
            DNS.zone().a("dsl-" + host + ".bad.test", "127.0.91." + host).ptr("127.0.91." + host, "dsl-" + host + ".bad.test");
        }
        DNS.zone().a("mx.good.test", "127.0.92.5").ptr("127.0.92.5", "mx.good.test");
    }

    @AfterAll
    static void stop() {
        DNS.close();
    }

    private static SmtpReply send(String ip, String helo, String from, String to, String body) throws IOException {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), ip)) {
            smtp.ehlo(helo);
            return smtp.send(from, List.of(to), "From: " + from + "\r\nSubject: note\r\n\r\n" + body + "\r\n");
        }
    }

    @Test
    void refusedMailShouldMakeTheClientItsNetworkAndItsClusterBad() throws Exception {
        for (int i = 0; i < 2; i++) {
            SmtpReply refused = send("127.0.91.5", "dsl-5.bad.test", "promo@bad.test", "bob@tracewall.local", "zq-casino-bonus " + i);
            assertThat(refused.code()).isEqualTo(554);
            assertThat(refused.text()).contains("CASINO");
        }

        // A new address first: its network, sender domain and cluster have two bad outcomes and no good one yet
        // (each accepted mail teaches a good one once decided, after its own check).
        assertThat(send("127.0.91.6", "dsl-6.bad.test", "promo@bad.test", "carol@tracewall.local", "another note").code()).isEqualTo(250);
        assertThat(Gateway.rules(james, "carol@tracewall.local", "pw")).containsPattern("REPUTATION_BAD\\(2\\.00\\)");

        assertThat(send("127.0.91.5", "dsl-5.bad.test", "promo@bad.test", "bob@tracewall.local", "an ordinary note").code()).isEqualTo(250);
        assertThat(Gateway.rules(james, "bob@tracewall.local", "pw")).containsPattern("REPUTATION_BAD\\(2\\.00\\)");
    }

    @Test
    void acceptedCleanMailShouldEarnAGoodReputation() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(send("127.0.92.5", "mx.good.test", "news@good.test", "dave@tracewall.local", "monthly newsletter " + i).code())
                .isEqualTo(250);
            int delivered = i + 1;
            // Each decision teaches before the next message is judged.
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Gateway.inboxCount(james, "dave@tracewall.local", "pw") == delivered);
        }

        assertThat(send("127.0.92.5", "mx.good.test", "news@good.test", "erin@tracewall.local", "monthly newsletter 4").code())
            .isEqualTo(250);
        assertThat(Gateway.rules(james, "erin@tracewall.local", "pw")).contains("REPUTATION_GOOD");
    }
}
