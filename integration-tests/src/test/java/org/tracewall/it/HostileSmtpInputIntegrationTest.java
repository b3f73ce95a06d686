package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.smtp.SmtpReply;
import org.tracewall.testing.smtp.SmtpTestClient;

/**
 * Hostile SMTP input against the gateway sample: each gets a clear refusal (or a closed
 * connection), never an acceptance it should not get, and the server keeps serving.
 */
class HostileSmtpInputIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS)
        .user("bob@tracewall.local", "bobpw")
        .build();

    @AfterAll
    static void stop() {
        DNS.close();
    }

    /** After every hostile session, an ordinary one still works. */
    @AfterEach
    void serverStillServes() throws Exception {
        DNS.zone().txt("sender.test", "v=spf1 ip4:127.0.96.0/24 -all");
        assertThat(Gateway.rcpt(james, "127.0.96.200", "out.sender.test", "news@sender.test", "bob@tracewall.local").code())
            .isEqualTo(250);
    }

    /** Sends raw bytes, then reads what the server answers within a bounded time (until it closes). */
    private static String raw(String clientIp, byte[] bytes) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(clientIp), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", james.smtpPort()), 10_000);
            socket.setSoTimeout(3_000);
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[8192];
            try {
                int read;
                while (answer.length() < 1_000_000 && (read = in.read(buffer)) > 0) {
                    answer.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
                }
            } catch (IOException e) {
                // read timeout or reset: what arrived so far is the answer
            }
            return answer.toString();
        }
    }

    @Test
    void aOneMegabyteCommandLineShouldBeRefused() throws Exception {
        byte[] line = ("EHLO " + "a".repeat(1_000_000) + "\r\nQUIT\r\n").getBytes(StandardCharsets.US_ASCII);

        String answer = raw("127.0.96.1", line);

        assertThat(answer).startsWith("220 ");
        assertThat(answer).doesNotContain("250 ");
    }

    @Test
    void aNulByteInMailFromShouldNotBeAccepted() throws Exception {
        String answer = raw("127.0.96.2", "EHLO out.sender.test\r\nMAIL FROM:<news\0@sender.test>\r\nQUIT\r\n"
            .getBytes(StandardCharsets.ISO_8859_1));

        assertThat(answer).containsPattern("\\n5\\d\\d ");
        assertThat(answer).doesNotContain("2.1.0 Sender");
    }

    @Test
    void nonAsciiInMailFromShouldGetAClearReply() throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.96.3")) {
            smtp.ehlo("out.sender.test");
            SmtpReply reply = smtp.mailFrom("néws@sender.test");
            assertThat(reply.code()).isBetween(400, 599);
        }
    }

    /**
     * SMTP smuggling (CVE-2023-51747): a traceable sender's message whose body hides a bare-LF
     * end of data and a second transaction. Were "LF . LF" taken as the end, the hidden MAIL FROM
     * (traceable too, so nothing else would stop it) would be answered as a second transaction and
     * its message delivered as if sent separately. James 3.8.1 refuses the bare LF and the
     * transaction with it; the sender is traceable so that what is tested is the end-of-data
     * handling, not an earlier refusal of the sender. What bob receives after is only the next,
     * ordinary message.
     */
    @Test
    void aBareLineFeedEndOfDataShouldNotSmuggleASecondTransaction() throws Exception {
        DNS.zone().txt("sender.test", "v=spf1 ip4:127.0.96.0/24 -all");
        String session = "EHLO out.sender.test\r\nMAIL FROM:<news@sender.test>\r\nRCPT TO:<bob@tracewall.local>\r\nDATA\r\n"
            + "From: news@sender.test\r\nSubject: carrier\r\n\r\nhello\n.\nMAIL FROM:<ceo@sender.test>\n"
            + "RCPT TO:<bob@tracewall.local>\nDATA\nFrom: ceo@sender.test\nSubject: smuggled\n\npay now\n.\n"
            + "\r\n.\r\nQUIT\r\n";

        String answer = raw("127.0.96.4", session.getBytes(StandardCharsets.US_ASCII));

        assertThat(answer).startsWith("220 ").contains("354 ");
        assertThat(answer.lines().filter(l -> l.startsWith("250 2.1.0"))).as("MAIL FROM answered in:%n%s", answer).hasSize(1);
        assertThat(answer).doesNotContain("<ceo@sender.test>").contains("500 5.0.0 line delimiter must be CRLF");
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.96.6")) {
            smtp.ehlo("out.sender.test");
            assertThat(smtp.send("news@sender.test", List.of("bob@tracewall.local"), "From: news@sender.test\r\nSubject: after\r\n\r\nok\r\n")
                .code()).isEqualTo(250);
        }
        try (TestIMAPClient imap = new TestIMAPClient()) {
            imap.connect("127.0.0.1", james.imapPort()).login("bob@tracewall.local", "bobpw").select(TestIMAPClient.INBOX)
                .awaitMessage(Awaitility.await().atMost(Duration.ofSeconds(30)));
            assertThat(imap.readFirstMessage()).contains("Subject: after").doesNotContain("smuggled");
            assertThat(imap.getMessageCount(TestIMAPClient.INBOX)).isEqualTo(1);
        }
    }

    @Test
    void tenThousandRecipientsShouldBeCappedWithTemporaryReplies() throws Exception {
        DNS.zone().txt("sender.test", "v=spf1 ip4:127.0.96.0/24 -all");
        StringBuilder session = new StringBuilder("EHLO out.sender.test\r\nMAIL FROM:<news@sender.test>\r\n");
        for (int i = 0; i < 10_000; i++) {
            session.append("RCPT TO:<bob@tracewall.local>\r\n");
        }
        session.append("QUIT\r\n");

        String answer = raw("127.0.96.5", session.toString().getBytes(StandardCharsets.US_ASCII));

        long accepted = answer.lines().filter(l -> l.startsWith("250 2.1.5")).count();
        assertThat(accepted).as("recipients accepted").isLessThanOrEqualTo(100);
        assertThat(answer).contains("452 4.5.3 Too many recipients");
    }
}
