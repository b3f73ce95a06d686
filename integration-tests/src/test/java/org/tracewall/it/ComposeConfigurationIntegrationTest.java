package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.redis.RedisServerProcess;
import org.tracewall.testing.smtp.SmtpTestClient;

/**
 * The docker compose configuration ({@code docker/compose/tracewall.properties}) as James reads it:
 * every key valid, its Redis store and Redis-kept Bayes model working (against a real redis-server
 * in place of the compose service), and its Tika service absent here, which must cost nothing but
 * the attachments' text.
 */
class ComposeConfigurationIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    static final RedisServerProcess REDIS = RedisServerProcess.startOnFreePortOrFail();

    @RegisterExtension
    static TracewallJamesExtension james = TracewallJamesExtension.builder()
        .sample("gateway")
        .dns(DNS::hostAndPort)
        .confFile("tracewall.properties", composeProperties().replace("redis://redis:6379", REDIS.uri()))
        .user("carol@tracewall.local", "pw")
        .build();

    static String composeProperties() {
        try {
            return Files.readString(Path.of("../docker/compose/tracewall.properties"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("docker/compose/tracewall.properties not found from " + Path.of("").toAbsolutePath(), e);
        }
    }

    @AfterAll
    static void stop() {
        REDIS.close();
        DNS.close();
    }

    @Test
    void theComposeSettingsShouldStartAndDeliverWithTheirStateInRedis() throws Exception {
        assertThat(composeProperties()).contains("store.type=redis", "bayes.store=state", "attachments.tika.url=http://tika:9998/");
        DNS.zone().txt("sender.test", "v=spf1 ip4:127.0.95.0/24 -all")
            .a("out.sender.test", "127.0.95.5").ptr("127.0.95.5", "out.sender.test");
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.95.5")) {
            smtp.ehlo("out.sender.test");
            assertThat(smtp.send("news@sender.test", List.of("carol@tracewall.local"),
                Documents.messageWithAttachment("news@sender.test", "report", "application/pdf", "report.pdf",
                    Documents.pdf("Quarterly report"))).code()).isEqualTo(250);
        }
        try (TestIMAPClient imap = new TestIMAPClient()) {
            imap.connect("127.0.0.1", james.imapPort()).login("carol@tracewall.local", "pw").select(TestIMAPClient.INBOX)
                .awaitMessage(Awaitility.await().atMost(Duration.ofSeconds(30)));
            assertThat(imap.readFirstMessage()).contains("X-Tracewall-Bayes: untrained", "X-Tracewall-Score:");
        }
    }
}
