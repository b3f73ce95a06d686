package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.mailet.Mail;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.smtp.SmtpTestClient;

/**
 * "Reject" decided in the mailet container, after the SMTP session accepted the mail (here:
 * the gateway sample without ScoreHook, untraceable mail accepted for scoring): the shipped
 * spam-reject processor sends a DSN to a sender that passed traceability, and none to a forged
 * one, whose message is quarantined instead. Mail leaving the server is captured in a repository
 * (the relay processor's RemoteDelivery replaced), so the test sees every bounce.
 */
class ScoreBounceIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    static final String QUARANTINE = "file://var/mail/quarantine/";
    static final String OUTGOING = "file://var/mail/outgoing-capture/";

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS)
        .confFile("smtpserver.xml", Gateway.sample("smtpserver.xml")
            .replace("<handler class=\"org.tracewall.james.smtp.ScoreHook\"/>", "")
            .replace("<untraceable>reject</untraceable>", "<untraceable>accept</untraceable>"))
        .confFile("mailetcontainer.xml", Gateway.sample("mailetcontainer.xml")
            .replaceAll("(?s)<mailet match=\"All\" class=\"RemoteDelivery\">.*?</mailet>",
                "<mailet match=\"All\" class=\"ToRepository\"><repositoryPath>" + OUTGOING + "</repositoryPath></mailet>"))
        .property("greylist.whitelist.clients", "127.0.0.0/8")
        .property("score.rule.TEST_REJECT.in", "Subject")
        .property("score.rule.TEST_REJECT.pattern", "reject-me")
        .property("score.rule.TEST_REJECT.weight", "20")
        .user("bob@tracewall.local", "bobpw")
        .build();


    @BeforeAll
    static void zones() {
        DNS.zone().txt("sender.test", "v=spf1 ip4:127.0.99.0/24 -all")
            .a("out.sender.test", "127.0.99.5").ptr("127.0.99.5", "out.sender.test")
            .txt("forged.test", "v=spf1 ip4:192.0.2.1 -all")
            .a("out.forged.test", "127.0.99.66");
    }

    @AfterAll
    static void stop() {
        DNS.close();
    }

    private static void send(String clientIp, String helo, String from) throws IOException {
        String message = "From: " + from + "\r\nTo: bob@tracewall.local\r\nSubject: reject-me\r\n\r\nbuy now\r\n";
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), clientIp)) {
            smtp.ehlo(helo);
            assertThat(smtp.send(from, List.of("bob@tracewall.local"), message).code()).isEqualTo(250);
        }
    }

    private static List<String> outgoingRecipients() throws Exception {
        return james.repositoryMails(OUTGOING).stream().flatMap(m -> m.getRecipients().stream())
            .map(Object::toString).collect(Collectors.toList());
    }

    @Test
    void aTracedSenderShouldGetADeliveryStatusNotification() throws Exception {
        send("127.0.99.5", "out.sender.test", "news@sender.test");

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> outgoingRecipients().contains("news@sender.test"));
        Mail dsn = james.repositoryMails(OUTGOING).stream()
            .filter(m -> m.getRecipients().toString().contains("news@sender.test")).findFirst().orElseThrow();
        assertThat(dsn.getMaybeSender().isNullSender()).isTrue();
        assertThat(dsn.getMessage().getContentType()).startsWith("multipart/report");
    }

    @Test
    void aForgedSenderShouldGetNoBounceAndItsMessageShouldBeQuarantined() throws Exception {
        long quarantined = james.repositoryCount(QUARANTINE);
        send("127.0.99.66", "out.forged.test", "victim@forged.test");

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> james.repositoryCount(QUARANTINE) == quarantined + 1);
        Mail held = james.repositoryMails(QUARANTINE).stream()
            .filter(m -> m.getMaybeSender().asString().equals("victim@forged.test")).findFirst().orElseThrow();
        assertThat(held.getMessage().getHeader("X-Tracewall-Rules")[0]).contains("TRACE_UNTRACEABLE(5.00)", "TEST_REJECT(20.00)");
        assertThat(outgoingRecipients()).doesNotContain("victim@forged.test");
    }
}
