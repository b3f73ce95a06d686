package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.smtp.SmtpReply;

/** The HELO checks as the gateway sample configures them: a bare or foreign HELO is refused. */
class HeloPtrIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS)
        .user("bob@tracewall.local", "bobpw")
        .build();

    @AfterAll
    static void stop() {
        DNS.close();
    }

    private static SmtpReply mailFrom(String clientIp, String helo) throws Exception {
        DNS.zone().txt("sender.test", "v=spf1 ip4:127.0.93.0/24 -all");
        return Gateway.mailFrom(james, clientIp, helo, "news@sender.test");
    }

    @Test
    void aHeloThatIsNotAFullyQualifiedNameShouldBeRefusedWithTheFix() throws Exception {
        SmtpReply reply = mailFrom("127.0.93.5", "localhost");

        assertThat(reply.code()).isEqualTo(550);
        assertThat(reply.text()).isEqualTo(
            "5.7.1 Rejected: HELO/EHLO must announce the server's fully qualified DNS name (HELO_NOT_FQDN)");
    }

    @Test
    void anAddressLiteralOtherThanTheClientsShouldBeRefused() throws Exception {
        assertThat(mailFrom("127.0.93.6", "[127.0.93.99]").text()).contains("HELO_LITERAL_MISMATCH");
    }

    @Test
    void theClientsOwnAddressLiteralShouldPass() throws Exception {
        assertThat(mailFrom("127.0.93.7", "[127.0.93.7]").code()).isEqualTo(250);
    }
}
