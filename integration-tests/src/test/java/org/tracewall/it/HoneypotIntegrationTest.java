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
 * Trap addresses over real SMTP (HoneypotHook, the gateway sample): a harvester's mail to a trap
 * is accepted like a mailbox's and goes nowhere (no delivery, no bounce, no error); its client's
 * later mail scores HONEYPOT_CLIENT, and the same campaign from another client FUZZY_SPAM; a real
 * recipient of the same transaction still gets the mail.
 */
class HoneypotIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    static final String CAMPAIGN = "Limited offer for new members of our online casino: deposit %d dollars today and get a bonus of"
        + " two hundred percent, free spins every day and a personal manager for your account, only until Sunday.";
    static final List<String> REPOSITORIES = List.of("file://var/mail/error/", "file://var/mail/address-error/",
        "file://var/mail/relay-denied/", "file://var/mail/undeliverable/");

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS)
        .property("honeypot.addresses", "trap@tracewall.local, old-sales@tracewall.local")
        .user("bob@tracewall.local", "pw").user("carol@tracewall.local", "pw").user("dave@tracewall.local", "pw")
        .build();

    @BeforeAll
    static void zones() {
        DNS.zone().txt("sender.test", "v=spf1 ip4:127.0.98.0/24 -all")
            .a("out5.sender.test", "127.0.98.5").ptr("127.0.98.5", "out5.sender.test")
            .a("out6.sender.test", "127.0.98.6").ptr("127.0.98.6", "out6.sender.test");
    }

    @AfterAll
    static void stop() {
        DNS.close();
    }

    private static SmtpReply send(String ip, List<String> to, String body) throws IOException {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), ip)) {
            smtp.ehlo("out" + ip.substring(ip.lastIndexOf('.') + 1) + ".sender.test");
            return smtp.send("promo@sender.test", to, "From: promo@sender.test\r\nSubject: casino\r\n\r\n" + body + "\r\n");
        }
    }

    @Test
    void whatATrapReceivesShouldTeachAndGoNowhere() throws Exception {
        SmtpReply trapped = send("127.0.98.5", List.of("trap@tracewall.local"), String.format(CAMPAIGN, 50));
        assertThat(trapped.code()).as("a trap answers like a mailbox").isEqualTo(250);

        assertThat(send("127.0.98.5", List.of("bob@tracewall.local"), "Hello Bob, the minutes of the meeting are attached as promised"
            + " and the next one is on Monday at nine in the usual room.").code()).isEqualTo(250);
        assertThat(Gateway.rules(james, "bob@tracewall.local", "pw")).contains("HONEYPOT_CLIENT(5.00)");

        assertThat(send("127.0.98.6", List.of("carol@tracewall.local"), String.format(CAMPAIGN, 100)).code()).isEqualTo(250);
        assertThat(Gateway.rules(james, "carol@tracewall.local", "pw")).contains("FUZZY_SPAM(8.00)").doesNotContain("HONEYPOT_CLIENT");

        for (String repository : REPOSITORIES) {
            assertThat(james.repositoryCount(repository)).as(repository).isZero();
        }
    }

    @Test
    void aRealRecipientBesideATrapShouldStillGetTheMail() throws Exception {
        assertThat(send("127.0.98.6", List.of("old-sales@tracewall.local", "dave@tracewall.local"), "Quarterly figures for the board,"
            + " with the revenue per region and the forecast for the next two quarters as discussed last week.").code()).isEqualTo(250);

        assertThat(Gateway.rules(james, "dave@tracewall.local", "pw")).isNotEmpty();
    }
}
