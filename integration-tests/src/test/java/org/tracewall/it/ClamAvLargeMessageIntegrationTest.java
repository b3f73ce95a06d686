package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.testing.clamav.ClamdProcess;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.smtp.SmtpReply;
import org.tracewall.testing.smtp.SmtpTestClient;

/**
 * Messages larger than the in-memory limit (4 MB) are streamed to clamd while they are written.
 * A real clamd that stops reading at its StreamMaxLength (1 MB here) must not leave the writer,
 * and with it the SMTP session, waiting forever on a full pipe: every session gets its answer
 * (451, the scanner could not scan it), several at once, and a small message is still scanned after.
 * The same when clamd freezes mid-stream and is then killed.
 */
class ClamAvLargeMessageIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    static final ClamdProcess CLAMD = ClamdProcess.startOrFail("1M");

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS)
        .confFile("smtpserver.xml", Gateway.smtpServerWithClamAv(CLAMD.port(), "30s"))
        .user("bob@tracewall.local", "bobpw")
        .build();

    @AfterAll
    static void stop() {
        DNS.close();
        CLAMD.stop();
    }

    private static SmtpReply send(String clientIp, int bodyBytes) throws IOException {
        StringBuilder message = new StringBuilder("From: news@sender.test\r\nSubject: large\r\n\r\n");
        String line = "0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz\r\n";
        while (message.length() < bodyBytes) {
            message.append(line);
        }
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), clientIp)) {
            smtp.ehlo("out.sender.test");
            return smtp.send("news@sender.test", List.of("bob@tracewall.local"), message.toString());
        }
    }

    @BeforeEach
    void clamdRunning() throws IOException {
        DNS.zone().txt("sender.test", "v=spf1 ip4:127.0.98.0/24 -all");
        CLAMD.start();
    }

    @Test
    void messagesPastClamdsStreamLimitShouldEachGetAnAnswerAtOnce() throws Exception {
        List<Future<SmtpReply>> replies = sendAtOnce(1, 6 * 1024 * 1024);

        assertEverySessionDeferred(replies);
        assertThat(send("127.0.98.9", 2000).code()).isEqualTo(250);
    }

    @Test
    void aClamdKilledMidStreamShouldGiveEverySessionAnAnswer() throws Exception {
        CLAMD.freeze();
        List<Future<SmtpReply>> replies = sendAtOnce(4, 900 * 1024);
        // The messages are under clamd's limit: only the freeze stops their scans. Some are blocked
        // writing into the frozen clamd by now, the others connect after the kill: all must answer.
        Thread.sleep(3000);
        CLAMD.kill();

        assertEverySessionDeferred(replies);
        CLAMD.start();
        assertThat(send("127.0.98.19", 2000).code()).isEqualTo(250);
    }

    /** Three sessions at once from 127.0.98.{first..first+2}. */
    private static List<Future<SmtpReply>> sendAtOnce(int first, int bodyBytes) {
        ExecutorService clients = Executors.newFixedThreadPool(3);
        List<Future<SmtpReply>> replies = new ArrayList<>();
        for (int i = first; i < first + 3; i++) {
            String ip = "127.0.98." + i;
            replies.add(clients.submit(() -> send(ip, bodyBytes)));
        }
        clients.shutdown();
        return replies;
    }

    private static void assertEverySessionDeferred(List<Future<SmtpReply>> replies) throws Exception {
        for (Future<SmtpReply> reply : replies) {
            // SmtpTestClient's read timeout bounds a hang; a wedged session fails here
            SmtpReply answer = reply.get(2, TimeUnit.MINUTES);
            assertThat(answer.code()).as(answer.toString()).isEqualTo(451);
            assertThat(answer.text()).isEqualTo("4.3.0 Virus scanner unavailable; please try again later");
        }
    }
}
