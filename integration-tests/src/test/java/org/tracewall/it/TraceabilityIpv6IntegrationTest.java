package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.smtp.SmtpReply;
import org.tracewall.testing.smtp.SmtpTestClient;

/** The gateway sample listening on ::1: an IPv6 client in the /64 of the sender's MX is traceable. */
class TraceabilityIpv6IntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();

    @RegisterExtension
    static TracewallJamesExtension james = TracewallJamesExtension.builder()
        .sample("gateway")
        .bindHost("ip6-loopback")
        .dns(DNS::hostAndPort)
        .user("bob@tracewall.local", "bobpw")
        .build();

    @AfterAll
    static void stopDns() {
        DNS.close();
    }

    @Test
    void anIpv6ClientInTheSlash64OfTheMxShouldBeAccepted() throws Exception {
        // The client is ::1; the MX is ::2, in the same /64.
        DNS.zone().mx("v6.test", 10, "mx.v6.test").aaaa("mx.v6.test", "::2");

        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "::1")) {
            smtp.ehlo("out.v6.test");
            SmtpReply reply = smtp.send("alice@v6.test", List.of("bob@tracewall.local"), "Subject: v6\r\n\r\nhi\r\n");
            assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
        }
    }

    @Test
    void anIpv6ClientOutsideTheSlash64ShouldBeRejected() throws Exception {
        DNS.zone().mx("far6.test", 10, "mx.far6.test").aaaa("mx.far6.test", "2001:db8::25");

        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "::1")) {
            smtp.ehlo("out.far6.test");
            SmtpReply reply = smtp.send("alice@far6.test", List.of("bob@tracewall.local"), "Subject: v6\r\n\r\nhi\r\n");
            assertThat(reply.code()).isEqualTo(550);
            assertThat(reply.text()).contains("::1").contains("/64");
        }
    }
}
