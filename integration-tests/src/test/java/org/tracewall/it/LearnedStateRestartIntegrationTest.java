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

/**
 * What the message checks learn survives a restart in the default, embedded store: after a trap
 * received a campaign and James was restarted, the trapped client still gets HONEYPOT_CLIENT and
 * the campaign's copies FUZZY_SPAM; a client refused twice before is REPUTATION_BAD after; a
 * correspondent a user wrote to before is AUTO_WHITELIST after.
 */
class LearnedStateRestartIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    static final String CAMPAIGN = "Exclusive for our members: buy two premium gold watches for the price of one before %d midnight,"
        + " free delivery to your door, a certificate of origin and a two year warranty for every order this month.";

    @RegisterExtension
    static TracewallJamesExtension james = TracewallJamesExtension.builder()
        .sample("gateway")
        .dns(DNS::hostAndPort)
        .property("honeypot.addresses", "trap@tracewall.local")
        .property("reputation.minWeight", "2")
        .property("score.rule.CASINO.in", "body").property("score.rule.CASINO.pattern", "zq-casino-bonus")
        .property("score.rule.CASINO.weight", "30")
        .user("bob@tracewall.local", "pw").user("carol@tracewall.local", "pw").user("dave@tracewall.local", "pw")
        .user("erin@tracewall.local", "pw")
        .build();

    @BeforeAll
    static void zones() {
        DNS.zone().txt("sender.test", "v=spf1 ip4:127.0.83.0/24 -all")
            .a("out5.sender.test", "127.0.83.5").ptr("127.0.83.5", "out5.sender.test")
            .a("out6.sender.test", "127.0.83.6").ptr("127.0.83.6", "out6.sender.test")
            .a("out7.sender.test", "127.0.83.7").ptr("127.0.83.7", "out7.sender.test")
            .txt("partner.test", "v=spf1 ip4:127.0.83.8 -all").a("out8.sender.test", "127.0.83.8").ptr("127.0.83.8", "out8.sender.test");
    }

    @AfterAll
    static void stop() {
        DNS.close();
    }

    private static SmtpReply send(String ip, String to, String body) throws IOException {
        return send(ip, "promo@sender.test", to, body);
    }

    private static SmtpReply send(String ip, String from, String to, String body) throws IOException {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), ip)) {
            smtp.ehlo("out" + ip.substring(ip.lastIndexOf('.') + 1) + ".sender.test");
            return smtp.send(from, List.of(to), "From: " + from + "\r\nSubject: offer\r\n\r\n" + body + "\r\n");
        }
    }

    @Test
    void whatTheChecksLearnedShouldSurviveARestart() throws Exception {
        assertThat(send("127.0.83.5", "trap@tracewall.local", String.format(CAMPAIGN, 1)).code()).isEqualTo(250);
        for (int i = 0; i < 2; i++) {
            assertThat(send("127.0.83.7", "bob@tracewall.local", "zq-casino-bonus " + i).code()).isEqualTo(554);
        }
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.82.20")) {
            smtp.ehlo("laptop.example");
            assertThat(smtp.authPlain("erin@tracewall.local", "pw").code()).isEqualTo(235);
            assertThat(smtp.send("erin@tracewall.local", List.of("anna@partner.test"), "From: erin@tracewall.local\r\nSubject: hi\r\n\r\nhi\r\n")
                .code()).isEqualTo(250);
        }

        james.restart();

        assertThat(send("127.0.83.5", "bob@tracewall.local", "Dear Bob, the agenda for Monday is attached, with the minutes of"
            + " the last meeting and the list of open points.").code()).isEqualTo(250);
        assertThat(Gateway.rules(james, "bob@tracewall.local", "pw")).contains("HONEYPOT_CLIENT(5.00)");
        assertThat(send("127.0.83.6", "carol@tracewall.local", String.format(CAMPAIGN, 2)).code()).isEqualTo(250);
        assertThat(Gateway.rules(james, "carol@tracewall.local", "pw")).contains("FUZZY_SPAM(8.00)");
        assertThat(send("127.0.83.7", "dave@tracewall.local", "an ordinary note").code()).isEqualTo(250);
        assertThat(Gateway.rules(james, "dave@tracewall.local", "pw")).containsPattern("REPUTATION_BAD\\(2\\.00\\)");
        assertThat(send("127.0.83.8", "anna@partner.test", "erin@tracewall.local", "hello back").code()).isEqualTo(250);
        assertThat(Gateway.rules(james, "erin@tracewall.local", "pw")).contains("AUTO_WHITELIST(-5.00)");
    }
}
