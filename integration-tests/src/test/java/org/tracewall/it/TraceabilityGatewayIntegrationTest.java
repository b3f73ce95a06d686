package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.testing.dns.Fault;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.smtp.SmtpReply;
import org.tracewall.testing.smtp.SmtpTestClient;

/**
 * The gateway sample (conf-samples/gateway) through real SMTP: the SMTP hooks judge each
 * sender, every scenario with its own zone data on the loopback DNS server and its own
 * client address in 127.0.0.0/8.
 */
class TraceabilityGatewayIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();

    @RegisterExtension
    static TracewallJamesExtension james = TracewallJamesExtension.builder()
        .sample("gateway")
        .dns(DNS::hostAndPort)
        .user("bob@tracewall.local", "bobpw")
        .user("alice@tracewall.local", "alicepw")
        // carol receives only the message whose headers a test reads.
        .user("carol@tracewall.local", "carolpw")
        .build();

    @BeforeAll
    static void zones() {
        DNS.zone()
            // A domain with SPF.
            .txt("spf.test", "v=spf1 ip4:127.0.10.0/24 -all")
            // A domain without SPF: one MX at 127.0.30.10.
            .mx("mx.test", 10, "mx1.mx.test").a("mx1.mx.test", "127.0.30.10")
            // A domain without SPF whose outbound host has forward-confirmed reverse DNS.
            .mx("fcrdns.test", 10, "in.fcrdns.test").a("in.fcrdns.test", "127.0.51.1")
            .ptr("127.0.50.5", "out.fcrdns.test").a("out.fcrdns.test", "127.0.50.5")
            // A domain that accepts no mail (RFC 7505 null MX) but whose A record sits beside its sender.
            .mx("nomail.test", 0, ".").a("nomail.test", "127.0.31.10")
            // A domain whose DNS server does not answer.
            .fault("slow.test", Fault.TIMEOUT);
    }

    @AfterAll
    static void stopDns() {
        DNS.close();
    }

    private static SmtpReply send(String clientIp, String helo, String from, String to, String headers) throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), clientIp)) {
            smtp.ehlo(helo);
            return smtp.send(from, List.of(to), headers + "\r\n\r\nbody\r\n");
        }
    }

    @Test
    void spfPassShouldBeAcceptedAndCarryACorrectAuthenticationResultsHeader() throws Exception {
        SmtpReply reply = send("127.0.10.5", "out.spf.test", "news@spf.test", "carol@tracewall.local",
            "From: news@spf.test\r\nTo: carol@tracewall.local\r\nSubject: spf pass");

        assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
        try (TestIMAPClient imap = new TestIMAPClient()) {
            imap.connect("127.0.0.1", james.imapPort()).login("carol@tracewall.local", "carolpw")
                .select(TestIMAPClient.INBOX).awaitMessage(Awaitility.await().atMost(Duration.ofSeconds(30)));
            String message = imap.readFirstMessage();
            assertThat(message).containsPattern("Authentication-Results: [A-Za-z0-9.-]+;\\s+spf=pass smtp.mailfrom=spf.test;"
                + "\\s+x-traceability=pass \\(spf-pass ip4:127.0.10.0/24\\) smtp.mailfrom=spf.test");
            assertThat(message).contains("X-Tracewall-Trace: result=traceable; reason=spf-pass; domain=spf.test");
        }
    }

    @Test
    void spfFailShouldBeRejectedWithTheExplanation() throws Exception {
        SmtpReply reply = send("127.0.20.5", "bad.example", "news@spf.test", "bob@tracewall.local", "Subject: x");

        assertThat(reply.code()).isEqualTo(550);
        assertThat(reply.text()).startsWith("5.7.23").contains("127.0.20.5 is not allowed to send mail for spf.test");
    }

    @Test
    void noSpfAndAClientInTheMxSlash24ShouldBeAccepted() throws Exception {
        SmtpReply reply = send("127.0.30.77", "out.mx.test", "alice@mx.test", "bob@tracewall.local", "Subject: neighbour");

        assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
    }

    @Test
    void aSenderDomainWithANullMxShouldBeRefusedWith5727() throws Exception {
        SmtpReply reply = send("127.0.31.77", "out.nomail.test", "noreply@nomail.test", "bob@tracewall.local", "Subject: no reply");

        assertThat(reply.code()).as(reply.toString()).isEqualTo(550);
        assertThat(reply.text()).isEqualTo("5.7.27 Sender address <noreply@nomail.test> has null MX: nomail.test publishes a null MX "
            + "(RFC 7505): it accepts no mail, so no reply can reach the sender.");
    }

    @Test
    void noSpfAndAnUnrelatedClientShouldBeRejectedThenAcceptedOnceCompensated() throws Exception {
        SmtpReply rejected = send("127.0.40.5", "relay.elsewhere.test", "alice@mx.test", "bob@tracewall.local", "Subject: far");
        assertThat(rejected.code()).isEqualTo(550);
        assertThat(rejected.text()).startsWith("5.7.1").contains("not traceable to mx.test")
            .contains("publish an SPF record for mx.test that lists 127.0.40.5");

        Path compensation = james.workingDirectory().resolve("conf/tracewall-compensation.txt");
        Files.writeString(compensation, "mx.test 127.0.40.0/24\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        SmtpReply accepted = send("127.0.40.5", "relay.elsewhere.test", "alice@mx.test", "bob@tracewall.local", "Subject: far");
        assertThat(accepted.code()).as(accepted.toString()).isEqualTo(250);
    }

    @Test
    void aForwardConfirmedPtrUnderTheSendersDomainShouldBeAccepted() throws Exception {
        SmtpReply reply = send("127.0.50.5", "out.fcrdns.test", "info@fcrdns.test", "bob@tracewall.local", "Subject: fcrdns");

        assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
    }

    @Test
    void theNullSenderShouldBeJudgedByItsHelo() throws Exception {
        assertThat(send("127.0.30.10", "mx1.mx.test", "", "bob@tracewall.local", "Subject: bounce").code()).isEqualTo(250);

        SmtpReply forged = send("127.0.40.9", "mx1.mx.test", "", "bob@tracewall.local", "Subject: bounce");
        assertThat(forged.code()).isEqualTo(550);
        assertThat(forged.text()).contains("mx1.mx.test");
    }

    @Test
    void aDnsTimeoutShouldGiveA451NeverA550() throws Exception {
        SmtpReply reply = send("127.0.70.5", "h.slow.test", "x@slow.test", "bob@tracewall.local", "Subject: slow");

        assertThat(reply.code()).isEqualTo(451);
        assertThat(reply.text()).startsWith("4.4.3");
    }

    @Test
    void anUnauthenticatedLocalSenderShouldBeRejected() throws Exception {
        SmtpReply reply = send("127.0.60.1", "laptop.example", "bob@tracewall.local", "alice@tracewall.local", "Subject: hi");

        assertThat(reply.code()).isEqualTo(530);
        assertThat(reply.text()).contains("Authentication required");
    }

    @Test
    void anAuthenticatedUserForgingAnotherLocalUsersAddressShouldBeRejected() throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.60.2")) {
            smtp.ehlo("laptop.example");
            assertThat(smtp.authPlain("bob@tracewall.local", "bobpw").code()).isEqualTo(235);

            SmtpReply forged = smtp.mailFrom("alice@tracewall.local");
            assertThat(forged.code()).isEqualTo(550);
            assertThat(forged.text()).contains("bob@tracewall.local is not allowed to send as <alice@tracewall.local>");

            SmtpReply own = smtp.send("bob@tracewall.local", List.of("alice@tracewall.local"),
                "From: bob@tracewall.local\r\nSubject: own\r\n\r\nhi\r\n");
            assertThat(own.code()).as(own.toString()).isEqualTo(250);
        }
    }

    @Test
    void anAuthenticatedUserShouldSendAsItsJamesAlias() throws Exception {
        james.data().addUserAliasMapping("bobby", "tracewall.local", "bob@tracewall.local");
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.60.4")) {
            smtp.ehlo("laptop.example");
            smtp.authPlain("bob@tracewall.local", "bobpw");

            SmtpReply reply = smtp.send("bobby@tracewall.local", List.of("alice@tracewall.local"),
                "From: bobby@tracewall.local\r\nSubject: via alias\r\n\r\nhi\r\n");

            assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
        }
    }

    @Test
    void anAuthenticatedUserForgingTheHeaderFromShouldBeRejectedAtTheEndOfData() throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.60.3")) {
            smtp.ehlo("laptop.example");
            smtp.authPlain("bob@tracewall.local", "bobpw");

            SmtpReply reply = smtp.send("bob@tracewall.local", List.of("alice@tracewall.local"),
                "From: alice@tracewall.local\r\nSubject: forged header\r\n\r\nhi\r\n");

            assertThat(reply.code()).isEqualTo(550);
            assertThat(reply.text()).contains("header From");
        }
    }
}
