package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.smtp.SmtpTestClient;

/**
 * The HELO/PTR findings the gateway sample does not refuse only add score: a traced sender's
 * message is delivered, and its X-Tracewall-Rules header names each finding with its weight, and
 * the m-of-n combination BAD_HOST (2 of NO_PTR, PTR_NOT_CONFIRMED, HELO_NOT_FQDN,
 * HELO_UNRESOLVABLE, DNSBL) when two of them fire together.
 */
class ScoreOnlyFindingsIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS)
        .user("noptr@tracewall.local", "pw")
        .user("unconfirmed@tracewall.local", "pw")
        .user("mismatch@tracewall.local", "pw")
        .user("combo@tracewall.local", "pw")
        .build();

    @BeforeAll
    static void zones() {
        DNS.zone().txt("sender.test", "v=spf1 ip4:127.0.87.0/24 -all")
            // 127.0.87.5: no PTR; its HELO resolves to it.
            .a("out5.sender.test", "127.0.87.5")
            // 127.0.87.6: a PTR whose name has no address.
            .ptr("127.0.87.6", "ghost6.sender.test").a("out6.sender.test", "127.0.87.6")
            // 127.0.87.7: a confirmed PTR, but the HELO is another name of the same address.
            .ptr("127.0.87.7", "mail7.sender.test").a("mail7.sender.test", "127.0.87.7").a("other7.sender.test", "127.0.87.7");
        // 127.0.87.8: no PTR, and a HELO name with no address.
    }

    @AfterAll
    static void stop() {
        DNS.close();
    }

    private static String rulesOfMailFrom(String clientIp, String helo, String to) throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), clientIp)) {
            smtp.ehlo(helo);
            assertThat(smtp.send("news@sender.test", List.of(to), "From: news@sender.test\r\nSubject: hi\r\n\r\nhello\r\n").code())
                .isEqualTo(250);
        }
        return Gateway.rules(james, to, "pw");
    }

    @Test
    void noPtrShouldOnlyAddItsWeight() throws Exception {
        assertThat(rulesOfMailFrom("127.0.87.5", "out5.sender.test", "noptr@tracewall.local"))
            .contains("NO_PTR(1.50)").doesNotContain("BAD_HOST").doesNotContain("HELO_");
    }

    @Test
    void aPtrThatIsNotConfirmedShouldOnlyAddItsWeight() throws Exception {
        assertThat(rulesOfMailFrom("127.0.87.6", "out6.sender.test", "unconfirmed@tracewall.local"))
            .contains("PTR_NOT_CONFIRMED(1.00)").doesNotContain("NO_PTR");
    }

    @Test
    void aHeloOtherThanTheConfirmedPtrShouldOnlyAddItsWeight() throws Exception {
        assertThat(rulesOfMailFrom("127.0.87.7", "other7.sender.test", "mismatch@tracewall.local"))
            .contains("HELO_PTR_MISMATCH(0.50)").doesNotContain("NO_PTR").doesNotContain("PTR_NOT_CONFIRMED");
    }

    @Test
    void twoBadHostFindingsShouldAddTheCombination() throws Exception {
        assertThat(rulesOfMailFrom("127.0.87.8", "nowhere8.sender.test", "combo@tracewall.local"))
            .contains("NO_PTR(1.50)", "HELO_UNRESOLVABLE(1.50)", "BAD_HOST(3.00)");
    }
}
