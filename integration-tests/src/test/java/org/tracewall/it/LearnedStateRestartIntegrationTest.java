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
 * the campaign's copies FUZZY_SPAM.
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
        .user("bob@tracewall.local", "pw").user("carol@tracewall.local", "pw")
        .build();

    @BeforeAll
    static void zones() {
        DNS.zone().txt("sender.test", "v=spf1 ip4:127.0.83.0/24 -all")
            .a("out5.sender.test", "127.0.83.5").ptr("127.0.83.5", "out5.sender.test")
            .a("out6.sender.test", "127.0.83.6").ptr("127.0.83.6", "out6.sender.test");
    }

    @AfterAll
    static void stop() {
        DNS.close();
    }

    private static SmtpReply send(String ip, String to, String body) throws IOException {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), ip)) {
            smtp.ehlo("out" + ip.substring(ip.lastIndexOf('.') + 1) + ".sender.test");
            return smtp.send("promo@sender.test", List.of(to), "From: promo@sender.test\r\nSubject: offer\r\n\r\n" + body + "\r\n");
        }
    }

    @Test
    void aTrapsLessonsShouldSurviveARestart() throws Exception {
        assertThat(send("127.0.83.5", "trap@tracewall.local", String.format(CAMPAIGN, 1)).code()).isEqualTo(250);

        james.restart();

        assertThat(send("127.0.83.5", "bob@tracewall.local", "Dear Bob, the agenda for Monday is attached, with the minutes of"
            + " the last meeting and the list of open points.").code()).isEqualTo(250);
        assertThat(Gateway.rules(james, "bob@tracewall.local", "pw")).contains("HONEYPOT_CLIENT(5.00)");
        assertThat(send("127.0.83.6", "carol@tracewall.local", String.format(CAMPAIGN, 2)).code()).isEqualTo(250);
        assertThat(Gateway.rules(james, "carol@tracewall.local", "pw")).contains("FUZZY_SPAM(8.00)");
    }
}
