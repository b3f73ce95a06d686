package org.tracewall.core.av;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tracewall.testing.clamav.ClamdProcess;

/** The INSTREAM client against a real clamd holding only the EICAR signature. */
class ClamdClientTest {
    private static ClamdProcess clamd;
    private static ClamdClient client;

    @BeforeAll
    static void start() throws Exception {
        clamd = ClamdProcess.startOnFreePort();
        client = new ClamdClient(new InetSocketAddress("127.0.0.1", clamd.port()), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        clamd.stop();
    }

    private static ScanResult scan(String content) {
        return client.scan(new ByteArrayInputStream(content.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void pingShouldAnswer() {
        assertThat(client.ping()).isTrue();
    }

    @Test
    void theEicarStringShouldBeFound() {
        ScanResult result = scan(ClamdProcess.EICAR);

        assertThat(result.status()).isEqualTo(ScanResult.Status.INFECTED);
        assertThat(result.signature()).hasValueSatisfying(s -> assertThat(s).startsWith(ClamdProcess.SIGNATURE));
    }

    @Test
    void anOrdinaryMessageShouldBeClean() {
        assertThat(scan("Subject: hello\r\n\r\nJust text.\r\n").status()).isEqualTo(ScanResult.Status.CLEAN);
    }

    @Test
    void aStreamOverClamdsLimitShouldBeUnavailableNeverClean() {
        ScanResult result = client.scan(new ByteArrayInputStream(new byte[11 * 1024 * 1024]));

        assertThat(result.status()).isEqualTo(ScanResult.Status.UNAVAILABLE);
    }

    @Test
    void aStoppedClamdShouldBeUnavailable() {
        ClamdClient nowhere = new ClamdClient(new InetSocketAddress("127.0.0.1", 9), Duration.ofSeconds(1));

        assertThat(nowhere.ping()).isFalse();
        assertThat(nowhere.scan(new ByteArrayInputStream(new byte[10])).status()).isEqualTo(ScanResult.Status.UNAVAILABLE);
    }

    @Test
    void interpretShouldRefuseUnexpectedAnswers() {
        assertThat(ClamdClient.interpret("stream: Eicar-Signature FOUND").signature()).contains("Eicar-Signature");
        assertThat(ClamdClient.interpret("stream: OK").status()).isEqualTo(ScanResult.Status.CLEAN);
        assertThat(ClamdClient.interpret("INSTREAM size limit exceeded. ERROR").status()).isEqualTo(ScanResult.Status.UNAVAILABLE);
    }
}
