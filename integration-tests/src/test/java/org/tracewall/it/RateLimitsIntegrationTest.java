package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.smtp.SmtpReply;
import org.tracewall.testing.smtp.SmtpTestClient;

/**
 * The limits RateControlIntegrationTest leaves out, over real SMTP: the daily window per client,
 * the per-user limit of authenticated senders, and a policy group's own limit beside the default.
 */
class RateLimitsIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS)
        .property("rate.messagesPer15m", "100")
        .property("rate.messagesPerDay", "3")
        .property("rate.userMessagesPer15m", "2")
        .property("rate.group.daily.clients", "127.0.86.0/24")
        .property("rate.group.daily.userMessagesPer15m", "100")
        .property("rate.group.daily.userMessagesPerDay", "2")
        .property("rate.userRecipientsPer15m", "3")
        .property("rate.group.partners.clients", "127.0.89.0/24")
        .property("rate.group.partners.messagesPer15m", "1")
        .property("rate.dsl.strikes", "0")
        .user("bob@tracewall.local", "bobpw")
        .user("carol@tracewall.local", "carolpw")
        .user("dave@tracewall.local", "davepw")
        .build();

    @BeforeAll
    static void zones() {
        DNS.zone().txt("sender.test", "v=spf1 ip4:127.0.88.0/24 ip4:127.0.89.0/24 -all");
    }

    @AfterAll
    static void stop() {
        DNS.close();
    }

    private static SmtpReply mailFrom(String clientIp, String from) throws IOException {
        return Gateway.mailFrom(james, clientIp, "out.sender.test", from);
    }

    @Test
    void aClientShouldGetItsDailyQuotaAndThenBeToldToComeBackTomorrow() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(mailFrom("127.0.88.5", "n" + i + "@sender.test").code()).isEqualTo(250);
        }

        SmtpReply fourth = mailFrom("127.0.88.5", "n3@sender.test");

        assertThat(fourth.code()).isEqualTo(451);
        assertThat(fourth.text()).isEqualTo("4.7.0 Too many messages from 127.0.88.5 today (3); try again tomorrow");
    }

    @Test
    void anAuthenticatedUserShouldBeLimitedAsAUser() throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.88.6")) {
            smtp.ehlo("laptop.tracewall.local");
            assertThat(smtp.authPlain("bob@tracewall.local", "bobpw").code()).isEqualTo(235);
            assertThat(smtp.mailFrom("bob@tracewall.local").code()).isEqualTo(250);
            smtp.command("RSET");
            assertThat(smtp.mailFrom("bob@tracewall.local").code()).isEqualTo(250);
            smtp.command("RSET");

            SmtpReply third = smtp.mailFrom("bob@tracewall.local");

            assertThat(third.code()).isEqualTo(451);
            assertThat(third.text()).isEqualTo("4.7.0 Too many messages from user bob@tracewall.local (2 per 15 minutes); try again later");
        }
    }

    /** An account that suddenly writes to many (a stolen password, a worm) is told to wait at RCPT, 452, nothing dropped. */
    @Test
    void anAuthenticatedUserSendingInBulkShouldBeToldToWaitAtRcpt() throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.88.8")) {
            smtp.ehlo("laptop.tracewall.local");
            assertThat(smtp.authPlain("carol@tracewall.local", "carolpw").code()).isEqualTo(235);
            assertThat(smtp.mailFrom("carol@tracewall.local").code()).isEqualTo(250);
            for (int i = 1; i <= 3; i++) {
                assertThat(smtp.rcptTo("friend" + i + "@remote.example").code()).isEqualTo(250);
            }

            SmtpReply fourth = smtp.rcptTo("friend4@remote.example");

            assertThat(fourth.code()).isEqualTo(452);
            assertThat(fourth.text()).isEqualTo("4.5.3 Too many recipients from user carol@tracewall.local (3 per 15 minutes); try again later");
        }
    }

    @Test
    void anAuthenticatedUserShouldHaveADailyQuotaToo() throws Exception {
        // The "daily" group lifts the user's 15-minute limit, so that the daily one (2) decides.
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.86.5")) {
            smtp.ehlo("laptop.tracewall.local");
            assertThat(smtp.authPlain("dave@tracewall.local", "davepw").code()).isEqualTo(235);
            assertThat(smtp.mailFrom("dave@tracewall.local").code()).isEqualTo(250);
            smtp.command("RSET");
            assertThat(smtp.mailFrom("dave@tracewall.local").code()).isEqualTo(250);
            smtp.command("RSET");

            SmtpReply third = smtp.mailFrom("dave@tracewall.local");

            assertThat(third.code()).isEqualTo(451);
            assertThat(third.text()).isEqualTo("4.7.0 Too many messages from user dave@tracewall.local today (2); try again tomorrow");
        }
    }

    @Test
    void aPolicyGroupShouldHaveItsOwnLimitAndOthersTheDefault() throws Exception {
        assertThat(mailFrom("127.0.89.5", "p1@sender.test").code()).isEqualTo(250);
        SmtpReply second = mailFrom("127.0.89.5", "p2@sender.test");
        assertThat(second.code()).isEqualTo(451);
        assertThat(second.text()).isEqualTo("4.7.0 Too many messages from 127.0.89.5 (1 per 15 minutes); try again later");

        assertThat(mailFrom("127.0.88.7", "o1@sender.test").code()).as("outside the group").isEqualTo(250);
        assertThat(mailFrom("127.0.88.7", "o2@sender.test").code()).as("outside the group").isEqualTo(250);
    }
}
