package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.imap.StartTlsImap;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.smtp.SmtpReply;
import org.tracewall.testing.smtp.SmtpTestClient;

/**
 * The auto-whitelist over real SMTP, with greylisting applied to every sender: a correspondent is
 * greylisted until the local user writes to them (authenticated, on the submission port with the
 * shipped security), then their traced mail passes at once with AUTO_WHITELIST; to another local
 * user, or from another correspondent, nothing changes.
 */
class AutoWhitelistIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS)
        .shippedSecurity()
        .confFile("smtpserver.xml", Gateway.sample("smtpserver.xml").replace("<apply>untraceable</apply>", "<apply>all</apply>"))
        .user("bob@tracewall.local", "bobpw").user("carol@tracewall.local", "carolpw")
        .build();

    @BeforeAll
    static void zones() {
        DNS.zone().txt("partner.test", "v=spf1 ip4:127.0.99.0/24 -all").a("mx.partner.test", "127.0.99.5")
            .ptr("127.0.99.5", "mx.partner.test");
    }

    @AfterAll
    static void stop() {
        DNS.close();
    }

    private static SmtpReply rcptFrom(String from, String to) throws IOException {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.99.5")) {
            smtp.ehlo("mx.partner.test");
            assertThat(smtp.mailFrom(from).code()).isEqualTo(250);
            return smtp.rcptTo(to);
        }
    }

    @Test
    void aCorrespondentShouldPassGreylistingOnceTheUserWroteToThem() throws Exception {
        assertThat(rcptFrom("anna@partner.test", "bob@tracewall.local").code()).as("greylisted before").isEqualTo(451);

        try (SmtpTestClient smtp = SmtpTestClient.connectTls(james.smtpPorts().get(1), "127.0.88.5")) {
            smtp.ehlo("laptop.example");
            assertThat(smtp.authPlain("bob@tracewall.local", "bobpw").code()).isEqualTo(235);
            assertThat(smtp.send("bob@tracewall.local", List.of("anna@partner.test"), "From: bob@tracewall.local\r\nSubject: hi\r\n\r\nhi\r\n")
                .code()).isEqualTo(250);
        }

        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.99.5")) {
            smtp.ehlo("mx.partner.test");
            SmtpReply reply = smtp.send("anna@partner.test", List.of("bob@tracewall.local"),
                "From: anna@partner.test\r\nSubject: answer from anna\r\n\r\nhello back\r\n");
            assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
        }
        String delivered = StartTlsImap.awaitMessage(james.imapPort(), "bob@tracewall.local", "bobpw", "answer from anna", Duration.ofSeconds(30));
        assertThat(delivered.replaceAll("\r?\n[ \t]+", " ")).containsPattern("X-Tracewall-Rules:.*AUTO_WHITELIST\\(-5.00\\)");
        assertThat(rcptFrom("anna@partner.test", "carol@tracewall.local").code()).as("carol never wrote to anna").isEqualTo(451);
        assertThat(rcptFrom("other@partner.test", "bob@tracewall.local").code()).as("another correspondent").isEqualTo(451);
    }
}
