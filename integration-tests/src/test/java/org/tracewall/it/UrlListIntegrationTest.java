package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

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
 * URL block lists over real SMTP (DnsblHook at the end of DATA, lists served by a loopback DNS
 * zone): a SURBL-style multi list read through a bit mask and a URIBL-style list. Links in text
 * and in HTML, disguised or not, on subdomains or as IP addresses, score URIBL and one
 * URIBL_&lt;LIST&gt; per list; a bit outside the mask, an error answer (127.255.255.x) and a list
 * that does not answer count for nothing.
 */
class UrlListIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS)
        .property("dnsbl.list.surbl.zone", "multi.surbl.test").property("dnsbl.list.surbl.type", "url")
        .property("dnsbl.list.surbl.mask", "8")
        .property("dnsbl.list.uribl.zone", "black.uribl.test").property("dnsbl.list.uribl.type", "url")
        .user("listed@tracewall.local", "pw").user("clean@tracewall.local", "pw").user("ip@tracewall.local", "pw")
        .user("down@tracewall.local", "pw")
        .build();

    @BeforeAll
    static void zones() {
        DNS.zone().txt("sender.test", "v=spf1 ip4:127.0.94.0/24 -all").a("out.sender.test", "127.0.94.5").ptr("127.0.94.5", "out.sender.test")
            .a("spam-shop.test.multi.surbl.test", "127.0.0.8")
            .a("grey.test.multi.surbl.test", "127.0.0.4")
            .a("7.2.0.192.multi.surbl.test", "127.0.0.8")
            .a("evil.test.black.uribl.test", "127.0.0.2")
            .a("blocked.test.black.uribl.test", "127.255.255.254")
            .fault("slow.test.black.uribl.test", Fault.SERVFAIL).fault("slow.test.multi.surbl.test", Fault.SERVFAIL);
    }

    @AfterAll
    static void stop() {
        DNS.close();
    }

    private static String rulesOf(String to, String body) throws Exception {
        String message = "From: news@sender.test\r\nTo: " + to + "\r\nSubject: links\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/alternative; boundary=b1\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\n" + body
            + "\r\n--b1\r\nContent-Type: text/html\r\n\r\n<html><body><a href=\"hxxp://evil[.]test/win\">Win</a></body></html>\r\n--b1--\r\n";
        if (!to.startsWith("listed")) {
            message = "From: news@sender.test\r\nTo: " + to + "\r\nSubject: links\r\n\r\n" + body + "\r\n";
        }
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.94.5")) {
            smtp.ehlo("out.sender.test");
            SmtpReply reply = smtp.send("news@sender.test", List.of(to), message);
            assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
        }
        return Gateway.rules(james, to, "pw");
    }

    @Test
    void linksOnBothListsShouldScoreEachList() throws Exception {
        String rules = rulesOf("listed@tracewall.local", "Cheap at http://a.b.spam-shop.test/offer today");

        assertThat(rules).contains("URIBL(8.00)", "URIBL_SURBL", "URIBL_URIBL");
    }

    @Test
    void aBitOutsideTheMaskAndAnErrorAnswerShouldNotCount() throws Exception {
        assertThat(rulesOf("clean@tracewall.local", "See http://grey.test/ and www.blocked.test/page")).isNotEmpty().doesNotContain("URIBL");
    }

    @Test
    void anIpAddressLinkShouldBeAskedReversed() throws Exception {
        assertThat(rulesOf("ip@tracewall.local", "Log in at http://3221225991/login")).contains("URIBL(4.00)", "URIBL_SURBL");
    }

    @Test
    void aListThatDoesNotAnswerShouldCountForNothing() throws Exception {
        assertThat(rulesOf("down@tracewall.local", "Read http://slow.test/")).isNotEmpty().doesNotContain("URIBL");
    }
}
