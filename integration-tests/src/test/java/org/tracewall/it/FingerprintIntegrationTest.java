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
import org.tracewall.testing.redis.RedisServerProcess;
import org.tracewall.testing.smtp.SmtpReply;
import org.tracewall.testing.smtp.SmtpTestClient;

/**
 * Bulk fingerprints over real SMTP on two James nodes sharing a real redis-server: the copies of
 * one campaign (another greeting, another number) sent through both nodes add up, and the copy
 * that takes the campaign to fingerprint.bulkRecipients gets BULK; a text a user reported to
 * spam@ on one node makes its variants FUZZY_SPAM on the other.
 */
class FingerprintIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    static final RedisServerProcess REDIS = RedisServerProcess.startOnFreePortOrFail();
    static final String FEEDBACK = "file://var/mail/bayes-feedback/";
    static final String CAMPAIGN = "We are pleased to offer you an exclusive discount on premium watches this week only. Order %d items"
        + " before Friday and shipping is free to any address. Use code %d at checkout and see the full catalogue of brands and models.";

    @RegisterExtension
    static TracewallJamesExtension nodeA = node();

    @RegisterExtension
    static TracewallJamesExtension nodeB = node();


    static TracewallJamesExtension node() {
        TracewallJamesExtension.Builder builder = Gateway.builder(DNS)
            .property("store.type", "redis").property("store.redis.uri", REDIS.uri()).property("store.redis.timeout", "500ms")
            .property("fingerprint.bulkRecipients", "5")
            .user("bob@tracewall.local", "bobpw").user("spam@tracewall.local", "x").user("carol@tracewall.local", "pw");
        for (int i = 1; i <= 6; i++) {
            builder.user("u" + i + "@tracewall.local", "pw");
        }
        return builder.build();
    }

    @BeforeAll
    static void zones() {
        DNS.zone().txt("sender.test", "v=spf1 ip4:127.0.97.0/24 -all").a("out.sender.test", "127.0.97.5").ptr("127.0.97.5", "out.sender.test");
    }

    @AfterAll
    static void stop() {
        REDIS.close();
        DNS.close();
    }

    private static void send(TracewallJamesExtension node, List<String> to, String greeting, String body) throws IOException {
        try (SmtpTestClient smtp = SmtpTestClient.connect(node.smtpPort(), "127.0.97.5")) {
            smtp.ehlo("out.sender.test");
            SmtpReply reply = smtp.send("news@sender.test", to,
                "From: news@sender.test\r\nSubject: offer\r\n\r\n" + greeting + "\r\n" + body + "\r\n");
            assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
        }
    }

    @Test
    void theCopyThatTakesACampaignAcrossTheBulkCountShouldGetBulkOnEitherNode() throws Exception {
        send(nodeA, List.of("u1@tracewall.local", "u2@tracewall.local", "u3@tracewall.local"), "Dear Anna,", String.format(CAMPAIGN, 3, 4471));
        send(nodeB, List.of("u4@tracewall.local", "u5@tracewall.local", "u6@tracewall.local"), "Hello Mr Smith,", String.format(CAMPAIGN, 2, 9032));

        assertThat(Gateway.rules(nodeA, "u1@tracewall.local", "pw")).isNotEmpty().doesNotContain("BULK");
        assertThat(Gateway.rules(nodeB, "u4@tracewall.local", "pw")).contains("BULK(2.00)");
    }

    @Test
    void aTextReportedToSpamOnOneNodeShouldMakeItsVariantsFuzzySpamOnTheOther() throws Exception {
        String reported = "Congratulations, your mailbox was selected for our annual loyalty lottery. To claim the prize of %d dollars"
            + " reply with your full name, bank account number and a copy of your passport before the end of the week.";
        long before = nodeA.repositoryCount(FEEDBACK);
        try (SmtpTestClient smtp = SmtpTestClient.connect(nodeA.smtpPort(), "127.0.97.9")) {
            smtp.ehlo("laptop.tracewall.local");
            assertThat(smtp.authPlain("bob@tracewall.local", "bobpw").code()).isEqualTo(235);
            assertThat(smtp.send("bob@tracewall.local", List.of("spam@tracewall.local"),
                "From: bob@tracewall.local\r\nSubject: spam report\r\n\r\n" + String.format(reported, 5000) + "\r\n").code()).isEqualTo(250);
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> nodeA.repositoryCount(FEEDBACK) == before + 1);

        send(nodeB, List.of("carol@tracewall.local"), "Dear winner,", String.format(reported, 7500));

        assertThat(Gateway.rules(nodeB, "carol@tracewall.local", "pw")).contains("FUZZY_SPAM(8.00)");
    }
}
