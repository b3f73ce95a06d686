package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
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
 * The classic open-relay tests against the shipped gateway configuration, from a client that is
 * neither authenticated nor in authorizedAddresses: no trick may get a remote recipient accepted.
 * An authenticated user, on the other hand, relays.
 */
class OpenRelayBatteryIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS)
        .user("bob@tracewall.local", "bobpw")
        .build();

    /** {MAIL FROM, RCPT TO} pairs, as raw command arguments. */
    static final String[][] TRICKS = {
        {"<spammer@sender.test>", "<victim@remote.example>"},
        {"<spammer@sender.test>", "<victim%remote.example@tracewall.local>"},
        {"<spammer@sender.test>", "<\"victim@remote.example\"@tracewall.local>"},
        {"<spammer@sender.test>", "<\"victim%remote.example\"@tracewall.local>"},
        {"<spammer@sender.test>", "<remote.example!victim@tracewall.local>"},
        {"<spammer@sender.test>", "<victim!remote.example@tracewall.local>"},
        {"<spammer@sender.test>", "<@tracewall.local:victim@remote.example>"},
        {"<spammer@sender.test>", "<@tracewall.local,@relay.test:victim@remote.example>"},
        {"<spammer@sender.test>", "<victim@remote.example@tracewall.local>"},
        {"<spammer@sender.test>", "<victim%remote.example>"},
        {"<spammer@sender.test>", "<remote.example!victim>"},
        {"<spammer@sender.test>", "<\"victim@remote.example\">"},
        {"<spammer@sender.test>", "<victim@remote.example.>"},
        {"<spammer@sender.test>", "<victim@REMOTE.EXAMPLE>"},
        {"<spammer@sender.test>", "<victim@[127.0.0.1]>"},
        {"<spammer@sender.test>", "<victim%remote.example@[127.0.0.1]>"},
        {"<>", "<victim@remote.example>"},
        {"<postmaster@tracewall.local>", "<victim@remote.example>"},
        {"<spammer@tracewall.local>", "<victim@remote.example>"},
        {"<spammer@remote.example>", "<victim@remote.example>"},
        {"<spammer>", "<victim@remote.example>"},
    };

    @BeforeAll
    static void zones() {
        DNS.zone().txt("sender.test", "v=spf1 ip4:127.0.95.0/24 -all").txt("remote.example", "v=spf1 ip4:127.0.95.0/24 -all")
            .a("tracewall.local", "127.0.0.1");
    }

    @AfterAll
    static void stop() {
        DNS.close();
    }

    /** Senders the MAIL-time checks refuse on their own (null sender from an untraceable HELO, local senders without AUTH, unqualified). */
    static final List<String> REFUSED_AT_MAIL = List.of("<>", "<postmaster@tracewall.local>", "<spammer@tracewall.local>", "<spammer>");

    /**
     * Every trick with a sender that passes the MAIL-time checks (traceable by SPF) must reach RCPT
     * and be refused there, by relay control: a refusal at MAIL would say nothing about relaying.
     */
    @Test
    void everyRelayTrickShouldReachRcptAndBeRefusedThere() throws Exception {
        List<String> accepted = new ArrayList<>();
        List<String> refusedTooEarly = new ArrayList<>();
        int reachedRcpt = 0;
        int attempt = 0;
        for (String[] trick : TRICKS) {
            attempt++;
            try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.95." + attempt)) {
                smtp.ehlo("out.sender.test");
                SmtpReply mail = smtp.command("MAIL FROM:" + trick[0]);
                if (REFUSED_AT_MAIL.contains(trick[0])) {
                    assertThat(mail.isPositive()).as("MAIL FROM:%s: %s", trick[0], mail).isFalse();
                    continue;
                }
                if (!mail.isPositive()) {
                    refusedTooEarly.add(trick[0] + " -> " + trick[1] + ": " + mail);
                    continue;
                }
                reachedRcpt++;
                SmtpReply rcpt = smtp.command("RCPT TO:" + trick[1]);
                if (rcpt.isPositive()) {
                    accepted.add(trick[0] + " -> " + trick[1] + ": " + rcpt);
                }
            }
        }
        assertThat(attempt).isEqualTo(21);
        assertThat(refusedTooEarly).as("tricks refused before RCPT").isEmpty();
        assertThat(reachedRcpt).isEqualTo(TRICKS.length - REFUSED_AT_MAIL.size());
        assertThat(accepted).as("relay tricks accepted").isEmpty();
    }

    @Test
    void theRoutingTricksShouldBeRefusedByRelayControlWithItsText() throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.95.40")) {
            smtp.ehlo("out.sender.test");
            assertThat(smtp.mailFrom("spammer@sender.test").code()).isEqualTo(250);
            SmtpReply reply = smtp.rcptTo("victim%remote.example@tracewall.local");
            assertThat(reply.code()).isEqualTo(550);
            assertThat(reply.text()).contains("Relaying denied");
        }
    }

    @Test
    void unqualifiedAndNonExistentSenderDomainsShouldBeRefused() throws Exception {
        assertThat(Gateway.mailFrom(james, "127.0.95.41", "out.sender.test", "root@localhost").text())
            .startsWith("5.1.8 Sender domain 'localhost' is not fully qualified");
        assertThat(Gateway.mailFrom(james, "127.0.95.42", "out.sender.test", "a@nowhere.test").text())
            .startsWith("5.1.8 Sender domain 'nowhere.test' does not exist in the DNS");
    }

    @Test
    void anAuthenticatedUserShouldRelay() throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.95.50")) {
            smtp.ehlo("laptop.example");
            assertThat(smtp.authPlain("bob@tracewall.local", "bobpw").code()).isEqualTo(235);
            assertThat(smtp.mailFrom("bob@tracewall.local").code()).isEqualTo(250);
            assertThat(smtp.rcptTo("friend@remote.example").code()).isEqualTo(250);
        }
    }
}
