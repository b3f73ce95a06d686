package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.testing.dns.Fault;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.smtp.SmtpReply;

/** DNS lists in the gateway sample, over real SMTP, with the lists' zones on the loopback DNS server. */
class DnsblIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS)
        .property("dnsbl.list.bl.zone", "bl.test")
        .property("dnsbl.list.bl.codes", "127.0.0.2-127.0.0.11")
        .property("dnsbl.list.bl.message", "$ip is listed in $list, see https://bl.test/lookup?ip=$ip")
        .property("dnsbl.list.wl.zone", "wl.test")
        .property("dnsbl.list.wl.weight", "-2")
        .property("dnsbl.list.dbl.zone", "dbl.test")
        .property("dnsbl.list.dbl.type", "domain")
        .property("dnsbl.list.dbl.weight", "1")
        .property("dnsbl.list.slow.zone", "slow.test")
        .user("bob@tracewall.local", "bobpw")
        .build();

    @BeforeAll
    static void zones() {
        DNS.zone()
            // Senders traced by SPF, so that only the lists decide.
            .txt("sender.test", "v=spf1 ip4:127.0.91.0/24 -all")
            .a("5.91.0.127.bl.test", "127.0.0.2")
            .a("6.91.0.127.bl.test", "127.0.0.2").a("6.91.0.127.wl.test", "127.0.5.1")
            .a("listed-helo.test.dbl.test", "127.0.1.2")
            .fault("slow.test", Fault.TIMEOUT)
            .a("9.91.0.127.bl.test", "127.255.255.254");
    }

    @AfterAll
    static void stop() {
        DNS.close();
    }

    private static SmtpReply rcpt(String clientIp, String helo) throws Exception {
        return Gateway.rcpt(james, clientIp, helo, "news@sender.test", "bob@tracewall.local");
    }

    @Test
    void aListedClientShouldBeRejectedWithTheListsText() throws Exception {
        SmtpReply reply = rcpt("127.0.91.5", "out.sender.test");

        assertThat(reply.code()).isEqualTo(554);
        assertThat(reply.text()).isEqualTo("5.7.1 127.0.91.5 is listed in bl.test, see https://bl.test/lookup?ip=127.0.91.5");
    }

    @Test
    void anUnlistedClientShouldBeAcceptedEvenWhenAListTimesOut() throws Exception {
        assertThat(rcpt("127.0.91.7", "out.sender.test").code()).isEqualTo(250);
    }

    @Test
    void aWhitelistShouldOutweighABlacklist() throws Exception {
        assertThat(rcpt("127.0.91.6", "out.sender.test").code()).isEqualTo(250);
    }

    @Test
    void aListedHeloDomainShouldBeRejected() throws Exception {
        SmtpReply reply = rcpt("127.0.91.8", "listed-helo.test");

        assertThat(reply.code()).isEqualTo(554);
        assertThat(reply.text()).contains("dbl.test");
    }

    @Test
    void aListsErrorCodeShouldNotReject() throws Exception {
        assertThat(rcpt("127.0.91.9", "out.sender.test").code()).isEqualTo(250);
    }
}
