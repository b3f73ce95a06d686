package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.smtp.SmtpReply;
import org.tracewall.testing.smtp.SmtpTestClient;

/**
 * The header From and Sender as a mail client displays them, through real SMTP into the gateway
 * sample: an outsider whose envelope sender is traceable (SPF pass) still cannot write a From or
 * Sender a client shows as a local address, whatever form it takes, and an authenticated user
 * cannot show another user's address that way. SenderBindingHook refuses at the end of DATA.
 */
class HeaderFromBindingIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();

    @RegisterExtension
    static TracewallJamesExtension james = TracewallJamesExtension.builder()
        .sample("gateway")
        .dns(DNS::hostAndPort)
        .user("bob@tracewall.local", "bobpw")
        .user("alice@tracewall.local", "alicepw")
        .user("carol@tracewall.local", "carolpw")
        .build();

    @BeforeAll
    static void zones() {
        DNS.zone().txt("spf.test", "v=spf1 ip4:127.0.10.0/24 -all");
    }

    @AfterAll
    static void stopDns() {
        DNS.close();
    }

    /** news@spf.test from a client its SPF record lists: traceable, so only the headers are judged. */
    private static SmtpReply fromOutsider(String clientIp, String headers) throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), clientIp)) {
            smtp.ehlo("out.spf.test");
            return smtp.send("news@spf.test", List.of("carol@tracewall.local"),
                headers + "\r\nTo: carol@tracewall.local\r\nSubject: board meeting\r\n\r\nbody\r\n");
        }
    }

    private static SmtpReply fromBob(String clientIp, String headers) throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), clientIp)) {
            smtp.ehlo("laptop.example");
            assertThat(smtp.authPlain("bob@tracewall.local", "bobpw").code()).isEqualTo(235);
            return smtp.send("bob@tracewall.local", List.of("alice@tracewall.local"),
                headers + "\r\nSubject: from bob\r\n\r\nhi\r\n");
        }
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "127.0.10.11 | From: Board: ceo@tracewall.local;",
        "127.0.10.12 | From: CEO <ceo@tracewall.local",
        "127.0.10.13 | From: \"x\" <ceo@TRACEWALL.LOCAL.>",
        "127.0.10.14 | From: =?utf-8?q?ceo=40tracewall=2Elocal?=",
        "127.0.10.15 | From: ceo @ tracewall . local",
        "127.0.10.16 | From: \"ceo@tracewall.local\" <news@spf.test>",
    })
    void anOutsiderShowingALocalAddressShouldBeAskedToAuthenticate(String clientIp, String headers) throws Exception {
        SmtpReply reply = fromOutsider(clientIp, headers);

        assertThat(reply.code()).as(reply.toString()).isEqualTo(550);
        assertThat(reply.text()).startsWith("5.7.1").contains("Authentication required");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "127.0.10.22 | From: undisclosed | no readable address in the From header",
        "127.0.10.23 | From: <> | no readable address in the From header",
    })
    void anUnreadableFromShouldBeRefusedWithItsReason(String clientIp, String headers, String reason) throws Exception {
        SmtpReply reply = fromOutsider(clientIp, headers);

        assertThat(reply.code()).as(reply.toString()).isEqualTo(554);
        assertThat(reply.text()).startsWith("5.6.0").contains("Message refused: " + reason)
            .contains("RFC 5322 requires exactly one From header with a readable address");
    }

    @Test
    void anOutsiderShowingALocalSenderShouldBeAskedToAuthenticate() throws Exception {
        SmtpReply reply = fromOutsider("127.0.10.17", "From: news@spf.test\r\nSender: CEO <ceo@tracewall.local>");

        assertThat(reply.code()).as(reply.toString()).isEqualTo(550);
        assertThat(reply.text()).contains("header Sender shows <ceo@tracewall.local>");
    }

    @Test
    void aSecondFromHeaderShouldBeRefused() throws Exception {
        SmtpReply reply = fromOutsider("127.0.10.21", "From: news@spf.test\r\nFrom: ceo@tracewall.local");

        assertThat(reply.code()).as(reply.toString()).isEqualTo(554);
        assertThat(reply.text()).startsWith("5.6.0").contains("Message refused: several From headers");
    }

    @Test
    void aWellFormedExternalFromShouldStillBeAccepted() throws Exception {
        SmtpReply reply = fromOutsider("127.0.10.31", "From: News <news@spf.test>");

        assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
    }

    @Test
    void anEncodedDisplayNameShouldStillBeAccepted() throws Exception {
        SmtpReply reply = fromOutsider("127.0.10.32", "From: =?GB2312?B?tq3Kwrvh?= <news@spf.test>");

        assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
    }

    @Test
    void bobForgingAliceThroughAGroupShouldBeRefused() throws Exception {
        SmtpReply reply = fromBob("127.0.60.21", "From: Team: alice@tracewall.local;");

        assertThat(reply.code()).as(reply.toString()).isEqualTo(550);
        assertThat(reply.text()).startsWith("5.7.1")
            .contains("bob@tracewall.local is not allowed to send as <alice@tracewall.local> (header From)");
    }

    @Test
    void bobForgingAliceThroughAnUnbalancedAddressShouldBeRefused() throws Exception {
        SmtpReply reply = fromBob("127.0.60.22", "From: Alice <alice@tracewall.local");

        assertThat(reply.code()).as(reply.toString()).isEqualTo(550);
    }

    @Test
    void bobsOwnFromShouldStillBeAccepted() throws Exception {
        SmtpReply reply = fromBob("127.0.60.23", "From: Bob <bob@tracewall.local>");

        assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
    }
}
