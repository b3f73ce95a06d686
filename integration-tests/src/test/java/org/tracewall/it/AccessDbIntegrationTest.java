package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.smtp.SmtpReply;
import org.tracewall.testing.smtp.SmtpTestClient;

/** Each access-db action through the gateway sample, over real SMTP. */
class AccessDbIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS)
        .property("greylist.delay", "0s")
        .property("dnsbl.list.bl.zone", "bl.test")
        .confFile("access.txt", String.join("\n",
            "Connect:127.0.94.1          REJECT",
            "Connect:127.0.94.2          ERROR:4.7.1:Come back later",
            "Connect:127.0.94.3          OK",
            "Connect:127.0.94.4          RELAY",
            "From:spammer@sender.test    ERROR:5.7.1:Go away, spammer",
            "From:bulk.test              DISCARD",
            "To:gone@tracewall.local     ERROR:5.1.1:This address no longer exists",
            "To:busy@tracewall.local     ERROR:4.2.2:Mailbox full",
            "Connect:127.0.94.9          SKIP",
            "Connect:127.0.93            REJECT",
            "Connect:127.0.93.9          SKIP",
            "Connect:127.0.94.21         OK",
            "Spam:friend@tracewall.local FRIEND",
            "Spam:hater@tracewall.local  HATER",
            ""))
        .user("bob@tracewall.local", "bobpw")
        .user("carol@tracewall.local", "carolpw")
        .user("friend@tracewall.local", "pw")
        .user("hater@tracewall.local", "pw")
        .build();

    @BeforeAll
    static void zones() {
        DNS.zone().txt("sender.test", "v=spf1 ip4:127.0.94.0/24 ip4:127.0.93.0/24 -all")
            .txt("bulk.test", "v=spf1 ip4:127.0.94.0/24 -all")
            // Two clients on the block list: 127.0.94.20 plain, 127.0.94.21 marked OK in the access db.
            .a("20.94.0.127.bl.test", "127.0.0.2").a("21.94.0.127.bl.test", "127.0.0.2");
    }

    @AfterAll
    static void stop() {
        DNS.close();
    }

    @Test
    void connectRejectShouldRefuseTheClientAtHelo() throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.94.1")) {
            SmtpReply reply = smtp.ehlo("out.sender.test");
            assertThat(reply.code()).isEqualTo(554);
            assertThat(reply.text()).isEqualTo("5.7.1 Access denied");
        }
    }

    @Test
    void connectTemporaryErrorShouldGive421() throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.94.2")) {
            SmtpReply reply = smtp.ehlo("out.sender.test");
            assertThat(reply.code()).isEqualTo(421);
            assertThat(reply.text()).isEqualTo("4.7.1 Come back later");
        }
    }

    @Test
    void connectOkShouldSkipTheTraceabilityCheck() throws Exception {
        DNS.zone().mx("mx.test", 10, "mx1.mx.test").a("mx1.mx.test", "127.0.30.10");
        assertThat(Gateway.mailFrom(james, "127.0.94.3", "out.elsewhere.test", "alice@mx.test").code())
            .as("untraceable, but OK in the access db").isEqualTo(250);
    }

    @Test
    void skipShouldStopTheLookupAtTheMoreSpecificEntryWithoutTrustingTheClient() throws Exception {
        try (SmtpTestClient rejected = SmtpTestClient.connect(james.smtpPort(), "127.0.93.8")) {
            assertThat(rejected.ehlo("out.sender.test").code()).as("the /24 entry").isEqualTo(554);
        }
        assertThat(Gateway.rcpt(james, "127.0.93.9", "out.sender.test", "news@sender.test", "bob@tracewall.local").code())
            .as("SKIP: the /24's REJECT does not apply").isEqualTo(250);
        DNS.zone().mx("mx.test", 10, "mx1.mx.test").a("mx1.mx.test", "127.0.30.10");
        assertThat(Gateway.mailFrom(james, "127.0.93.9", "out.elsewhere.test", "alice@mx.test").code())
            .as("SKIP is not OK: an untraceable sender is still refused").isEqualTo(550);
    }

    @Test
    void aSpamFriendShouldGetMailTheDnsListsRefuseForOthers() throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.94.20")) {
            smtp.ehlo("out.sender.test");
            assertThat(smtp.mailFrom("news@sender.test").code()).isEqualTo(250);
            SmtpReply bob = smtp.rcptTo("bob@tracewall.local");
            assertThat(bob.code()).as(bob.toString()).isEqualTo(554);
            SmtpReply friend = smtp.rcptTo("friend@tracewall.local");
            assertThat(friend.code()).as(friend.toString()).isEqualTo(250);
        }
    }

    @Test
    void aSpamHaterShouldGetTheDnsListChecksEvenFromAClientMarkedOk() throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.94.21")) {
            smtp.ehlo("out.sender.test");
            assertThat(smtp.mailFrom("news@sender.test").code()).isEqualTo(250);
            SmtpReply hater = smtp.rcptTo("hater@tracewall.local");
            assertThat(hater.code()).as(hater.toString()).isEqualTo(554);
            SmtpReply bob = smtp.rcptTo("bob@tracewall.local");
            assertThat(bob.code()).as("OK skips the checks for the others: " + bob).isEqualTo(250);
        }
    }

    @Test
    void connectRelayShouldAllowRelaying() throws Exception {
        assertThat(Gateway.rcpt(james, "127.0.94.4", "out.sender.test", "news@sender.test", "someone@remote.example").code())
            .isEqualTo(250);
    }

    @Test
    void fromErrorShouldRefuseTheSenderWithTheText() throws Exception {
        SmtpReply reply = Gateway.mailFrom(james, "127.0.94.5", "out.sender.test", "spammer@sender.test");
        assertThat(reply.code()).isEqualTo(550);
        assertThat(reply.text()).isEqualTo("5.7.1 Go away, spammer");
    }

    @Test
    void toErrorsShouldRefuseTheRecipientPermanentlyOrTemporarily() throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.94.6")) {
            smtp.ehlo("out.sender.test");
            assertThat(smtp.mailFrom("news@sender.test").code()).isEqualTo(250);
            SmtpReply gone = smtp.rcptTo("gone@tracewall.local");
            assertThat(gone.code()).isEqualTo(550);
            assertThat(gone.text()).isEqualTo("5.1.1 This address no longer exists");
            SmtpReply busy = smtp.rcptTo("busy@tracewall.local");
            assertThat(busy.code()).isEqualTo(451);
            assertThat(busy.text()).isEqualTo("4.2.2 Mailbox full");
        }
    }

    @Test
    void discardShouldAcceptAndDropWhileOtherMailIsDelivered() throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.94.7")) {
            smtp.ehlo("out.bulk.test");
            assertThat(smtp.send("offers@bulk.test", List.of("carol@tracewall.local"),
                "Subject: discarded\r\n\r\nbuy\r\n").code()).isEqualTo(250);
        }
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.94.8")) {
            smtp.ehlo("out.sender.test");
            assertThat(smtp.send("news@sender.test", List.of("carol@tracewall.local"),
                "Subject: kept\r\n\r\nhello\r\n").code()).isEqualTo(250);
        }
        try (TestIMAPClient imap = new TestIMAPClient()) {
            imap.connect("127.0.0.1", james.imapPort()).login("carol@tracewall.local", "carolpw").select(TestIMAPClient.INBOX)
                .awaitMessage(Awaitility.await().atMost(Duration.ofSeconds(30)));
            assertThat(imap.readFirstMessage()).contains("Subject: kept");
            assertThat(imap.sendCommand("SEARCH ALL")).contains("* SEARCH 1\r\n").doesNotContain("SEARCH 1 2");
        }
        // Dropped, not failed: nothing in the error repository (whose processor would bounce it to the sender).
        assertThat(james.repositoryCount("file://var/mail/error/")).isZero();
    }
}
