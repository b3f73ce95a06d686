package org.tracewall.reputation.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/**
 * The plumbing of attachment text: which parts are handed to the reader and within which bounds,
 * and how the Tika client behaves against real HTTP servers on loopback that fail, stall or talk
 * too much (the real Tika server is in AttachmentTextIntegrationTest).
 */
class AttachmentTextTest {
    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void documentsShouldBeReadAndTheirTextJoinTheBody() {
        List<String> seen = new ArrayList<>();
        AttachmentReader reader = (type, name, content) -> {
            seen.add(type + " " + name + " " + content.length);
            return Optional.of("text of " + name);
        };
        MessageText text = MessageTextExtractor.extract(message(
            part("application/pdf", "a.pdf", 100),
            part("application/octet-stream", "b.DOCX", 50),
            part("image/png", "c.png", 10),
            part("application/zip", "d.zip", 10)), reader);

        assertThat(seen).containsExactly("application/pdf a.pdf 100", "application/octet-stream b.DOCX 50");
        assertThat(text.body()).contains("text of a.pdf", "text of b.DOCX");
        assertThat(text.structure()).contains("attach-text", "attach:png", "attach:zip");
    }

    @Test
    void atMostThreeDocumentsShouldBeReadPerMessage() {
        int[] calls = {0};
        AttachmentReader reader = (type, name, content) -> {
            calls[0]++;
            return Optional.empty();
        };
        MessageTextExtractor.extract(message(part("application/pdf", "1.pdf", 10), part("application/pdf", "2.pdf", 10),
            part("application/pdf", "3.pdf", 10), part("application/pdf", "4.pdf", 10)), reader);

        assertThat(calls[0]).isEqualTo(MessageTextExtractor.MAX_ATTACHMENTS_READ);
    }

    @Test
    void aReaderThatAnswersTooMuchShouldBeCut() {
        AttachmentReader reader = (type, name, content) -> Optional.of("x ".repeat(1_000_000));
        MessageText text = MessageTextExtractor.extract(message(part("application/pdf", "a.pdf", 10)), reader);

        assertThat(text.body().length()).isLessThan(MessageTextExtractor.MAX_ATTACHMENT_CHARS + 1000);
    }

    @Test
    void tikaClientShouldReadTextAndCountFailuresOfADeadServer() throws Exception {
        serve(200, "Rechnung cheap pills");
        TikaAttachmentReader reader = new TikaAttachmentReader(URI.create(url()), Duration.ofSeconds(5));
        assertThat(reader.text("application/pdf", "a.pdf", new byte[] {1, 2})).contains("Rechnung cheap pills");

        TikaAttachmentReader dead = new TikaAttachmentReader(URI.create("http://127.0.0.1:" + freePort() + "/"), Duration.ofSeconds(2));
        assertThat(dead.text("application/pdf", "a.pdf", new byte[] {1})).isEmpty();
        assertThat(dead.failures()).isEqualTo(1);
    }

    @Test
    void tikaClientShouldTreatAnErrorStatusAsNoTextAndStopAskingForAWhile() throws Exception {
        serve(500, "Internal error");
        TikaAttachmentReader reader = new TikaAttachmentReader(URI.create(url()), Duration.ofSeconds(5));

        assertThat(reader.text("application/pdf", "a.pdf", new byte[] {1})).isEmpty();
        assertThat(reader.text("application/pdf", "b.pdf", new byte[] {2})).isEmpty();
        assertThat(reader.failures()).isEqualTo(1);
        assertThat(reader.requests()).as("the breaker kept the second call from the failing server").isEqualTo(1);
    }

    @Test
    void anUnreadableDocumentShouldBeAnAnswerNotAFailure() throws Exception {
        serve(422, "Unprocessable document");
        TikaAttachmentReader reader = new TikaAttachmentReader(URI.create(url()), Duration.ofSeconds(5));

        assertThat(reader.text("application/pdf", "a.pdf", new byte[] {1})).isEmpty();
        assertThat(reader.text("application/pdf", "b.pdf", new byte[] {2})).isEmpty();
        assertThat(reader.failures()).isZero();
        assertThat(reader.requests()).isEqualTo(2);
    }

    @Test
    void theSameDocumentShouldBeAskedForOnce() throws Exception {
        serve(200, "cheap pills");
        TikaAttachmentReader reader = new TikaAttachmentReader(URI.create(url()), Duration.ofSeconds(5));

        for (int i = 0; i < 3; i++) {
            assertThat(reader.text("application/pdf", "a.pdf", new byte[] {7, 7})).contains("cheap pills");
        }
        assertThat(reader.requests()).isEqualTo(1);
    }

    @Test
    void theCacheShouldStayWithinItsBounds() {
        TextCache cache = new TextCache(3, 100);
        for (int i = 0; i < 10; i++) {
            cache.put("d" + i, Optional.of("x".repeat(40)));
        }
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get("d9")).contains("x".repeat(40));
        assertThat(cache.get("d0")).isNull();
    }

    @Test
    void tikaClientShouldGiveUpOnAStalledServerAtItsDeadline() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/tika", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS); // answers only when the test ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        TikaAttachmentReader reader = new TikaAttachmentReader(URI.create(url()), Duration.ofMillis(500));

        assertThat(reader.text("application/pdf", "a.pdf", new byte[] {1})).isEmpty();
        assertThat(reader.text("application/pdf", "b.pdf", new byte[] {2})).as("no second wait").isEmpty();
        assertThat(reader.failures()).isEqualTo(1);
        assertThat(reader.requests()).isEqualTo(1);
    }

    @Test
    void tikaClientShouldReadABoundedAnswer() throws Exception {
        serve(200, "y".repeat(3 * TikaAttachmentReader.MAX_RESPONSE_BYTES));
        TikaAttachmentReader reader = new TikaAttachmentReader(URI.create(url()), Duration.ofSeconds(5));

        assertThat(reader.text("application/pdf", "a.pdf", new byte[] {1}).orElseThrow())
            .hasSizeLessThanOrEqualTo(TikaAttachmentReader.MAX_RESPONSE_BYTES);
    }

    @Test
    void configShouldNameABadUrlAndBeOffByDefault() {
        assertThat(AttachmentConfig.reader(Map.of())).isSameAs(AttachmentReader.NONE);
        assertThat(AttachmentConfig.reader(Map.of("attachments.tika.url", "http://127.0.0.1:9998/")))
            .isInstanceOf(TikaAttachmentReader.class);
        assertThatThrownBy(() -> AttachmentConfig.reader(Map.of("attachments.tika.url", "ftp://x/")))
            .hasMessageContaining("attachments.tika.url");
        assertThatThrownBy(() -> AttachmentConfig.reader(Map.of("attachments.tika.timout", "1s")))
            .hasMessageContaining("attachments.tika.timout");
    }

    private void serve(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/tika", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            } catch (IOException e) {
                // the client stopped reading: it was told to
            }
            exchange.close();
        });
        server.start();
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String part(String type, String name, int size) {
        return "Content-Type: " + type + "\r\nContent-Disposition: attachment; filename=\"" + name + "\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(new byte[size]) + "\r\n";
    }

    private static byte[] message(String... parts) {
        StringBuilder m = new StringBuilder("Subject: s\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"B\"\r\n\r\n"
            + "--B\r\nContent-Type: text/plain\r\n\r\nhello\r\n");
        for (String part : parts) {
            m.append("--B\r\n").append(part);
        }
        return m.append("--B--\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }
}
