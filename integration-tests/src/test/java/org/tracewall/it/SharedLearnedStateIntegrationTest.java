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
import org.tracewall.testing.redis.RedisServerProcess;
import org.tracewall.testing.smtp.SmtpReply;
import org.tracewall.testing.smtp.SmtpTestClient;

/**
 * Two James nodes on one real redis-server ({@code store.type=redis}): what one node learns, the
 * other acts on. A refusal on the first makes the client REPUTATION_BAD on the second; a trap on the
 * first makes its client HONEYPOT_CLIENT and the campaign's copies FUZZY_SPAM on the second; a
 * local user writing out through the first makes the correspondent AUTO_WHITELIST on the second,
 * for that user only.
 */
class SharedLearnedStateIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    static final RedisServerProcess REDIS = RedisServerProcess.startOnFreePortOrFail();
    static final String CAMPAIGN = "Exclusive for our members: buy two premium gold watches for the price of one before %d midnight,"
        + " free delivery to your door, a certificate of origin and a two year warranty for every order this month.";

    @RegisterExtension
    static TracewallJamesExtension learningNode = node();

    @RegisterExtension
    static TracewallJamesExtension otherNode = node();


    static TracewallJamesExtension node() {
        return Gateway.builder(DNS)
            .property("store.type", "redis")
            .property("store.redis.uri", REDIS.uri())
            .property("honeypot.addresses", "trap@tracewall.local")
            .property("reputation.minWeight", "2")
            .property("score.rule.CASINO.in", "body").property("score.rule.CASINO.pattern", "zq-casino-bonus")
            .property("score.rule.CASINO.weight", "30")
            .user("bob@tracewall.local", "bobpw").user("carol@tracewall.local", "pw").user("dave@tracewall.local", "pw")
            .user("erin@tracewall.local", "pw").user("frank@tracewall.local", "pw")
            .build();
    }

    @BeforeAll
    static void zones() {
        DNS.zone().txt("bad.test", "v=spf1 ip4:127.0.79.0/24 -all").txt("sender.test", "v=spf1 ip4:127.0.78.0/24 -all")
            .txt("partner.test", "v=spf1 ip4:127.0.77.0/24 -all");
        for (String ip : List.of("127.0.79.5", "127.0.78.5", "127.0.78.6", "127.0.77.5")) {
            DNS.zone().a(host(ip), ip).ptr(ip, host(ip));
        }
    }

    @AfterAll
    static void stop() {
        REDIS.close();
        DNS.close();
    }

    private static String host(String ip) {
        return "mx-" + ip.replace('.', '-') + ".net.test";
    }

    private static SmtpReply send(TracewallJamesExtension node, String ip, String from, String to, String body) throws IOException {
        try (SmtpTestClient smtp = SmtpTestClient.connect(node.smtpPort(), ip)) {
            smtp.ehlo(host(ip));
            return smtp.send(from, List.of(to), "From: " + from + "\r\nSubject: note\r\n\r\n" + body + "\r\n");
        }
    }

    @Test
    void aRefusalOnOneNodeShouldMakeTheClientBadOnTheOther() throws Exception {
        for (int i = 0; i < 2; i++) {
            assertThat(send(learningNode, "127.0.79.5", "promo@bad.test", "bob@tracewall.local", "zq-casino-bonus " + i).code())
                .isEqualTo(554);
        }

        assertThat(send(otherNode, "127.0.79.5", "promo@bad.test", "frank@tracewall.local", "an ordinary note").code()).isEqualTo(250);
        assertThat(Gateway.rules(otherNode, "frank@tracewall.local", "pw")).containsPattern("REPUTATION_BAD\\(2\\.00\\)");
    }

    @Test
    void aTrapOnOneNodeShouldMarkItsClientAndCampaignOnTheOther() throws Exception {
        assertThat(send(learningNode, "127.0.78.5", "promo@sender.test", "trap@tracewall.local", String.format(CAMPAIGN, 1)).code())
            .isEqualTo(250);

        assertThat(send(otherNode, "127.0.78.5", "promo@sender.test", "dave@tracewall.local", "Dear Dave, the agenda for Monday is"
            + " attached, with the minutes of the last meeting and the list of open points.").code()).isEqualTo(250);
        assertThat(Gateway.rules(otherNode, "dave@tracewall.local", "pw")).contains("HONEYPOT_CLIENT(5.00)");
        assertThat(send(otherNode, "127.0.78.6", "promo@sender.test", "erin@tracewall.local", String.format(CAMPAIGN, 2)).code())
            .isEqualTo(250);
        assertThat(Gateway.rules(otherNode, "erin@tracewall.local", "pw")).contains("FUZZY_SPAM(8.00)");
    }

    @Test
    void aUsersMailOutThroughOneNodeShouldWhitelistTheCorrespondentOnTheOther() throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connect(learningNode.smtpPort(), "127.0.76.20")) {
            smtp.ehlo("laptop.example");
            assertThat(smtp.authPlain("bob@tracewall.local", "bobpw").code()).isEqualTo(235);
            assertThat(smtp.send("bob@tracewall.local", List.of("anna@partner.test"), "From: bob@tracewall.local\r\nSubject: hi\r\n\r\nhi\r\n")
                .code()).isEqualTo(250);
        }

        assertThat(send(otherNode, "127.0.77.5", "anna@partner.test", "bob@tracewall.local", "hello back").code()).isEqualTo(250);
        assertThat(Gateway.rules(otherNode, "bob@tracewall.local", "bobpw")).contains("AUTO_WHITELIST(-5.00)");
        assertThat(send(otherNode, "127.0.77.5", "anna@partner.test", "carol@tracewall.local", "hello carol").code()).isEqualTo(250);
        assertThat(Gateway.rules(otherNode, "carol@tracewall.local", "pw")).as("carol never wrote to anna").doesNotContain("AUTO_WHITELIST");
    }
}
