package org.tracewall.core.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

class WebhookSinkTest {
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(204);
    private HttpServer server;

    private URI start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hooks/secret-token", exchange -> {
            bodies.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/secret-token");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static Alert alert() {
        return new Alert(AlertKind.FAIL_OPEN, "", "12 checks failed open", 12, 10, "mx1", Instant.parse("2026-12-04T10:00:00Z"));
    }

    @Test
    void shouldPostTheAlertAsJson() throws Exception {
        WebhookSink sink = new WebhookSink(start());

        sink.send(alert());

        assertThat(bodies).containsExactly("POST application/json " + alert().toJson());
        assertThat(sink.describe()).as("not the path, which carries the secret").doesNotContain("secret-token").contains("127.0.0.1");
    }

    @Test
    void aReplyOtherThan2xxShouldBeAFailure() throws Exception {
        WebhookSink sink = new WebhookSink(start());
        status.set(500);

        assertThatThrownBy(() -> sink.send(alert())).isInstanceOf(IOException.class).hasMessageContaining("500");
    }
}
