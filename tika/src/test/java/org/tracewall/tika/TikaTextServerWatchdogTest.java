package org.tracewall.tika;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server as it is run (its watchdog, {@code java ... TikaTextServer}) with a parser that never
 * returns: as many stuck documents as it has workers get 503 at their deadline, and the server
 * comes back in a fresh process to read the next document, instead of staying wedged for good.
 */
class TikaTextServerWatchdogTest {
    private Process watchdog;

    @AfterEach
    void stop() throws InterruptedException {
        if (watchdog != null) {
            watchdog.destroy();
            watchdog.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void stuckParsersShouldNotWedgeTheServer() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        watchdog = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp",
            System.getProperty("java.class.path"), TikaTextServer.class.getName(), "--port", Integer.toString(port),
            "--timeout", "2", "--workers", "2").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String url = "http://127.0.0.1:" + port + "/tika";
        assertThat(awaitText(url)).isEqualTo(200);

        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> stuck = List.of(clients.submit(() -> put(url, NeverReturningParser.STUCK.toString(), "a")),
                clients.submit(() -> put(url, NeverReturningParser.STUCK.toString(), "b")));
            for (Future<Integer> status : stuck) {
                assertThat(status.get(60, TimeUnit.SECONDS)).isEqualTo(503);
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(awaitText(url)).as("a plain text document after the stuck ones").isEqualTo(200);
        assertThat(watchdog.isAlive()).isTrue();
    }

    /** PUTs a text document until the server answers other than by refusing the connection (bounded: 60 s). */
    private static int awaitText(String url) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int status = -1;
        while (System.nanoTime() < end) {
            try {
                status = put(url, "text/plain", "hello world");
                if (status == 200) {
                    return status;
                }
            } catch (IOException e) {
                // not listening (yet, or again)
            }
            Thread.sleep(200);
        }
        return status;
    }

    private static int put(String url, String type, String body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        connection.setRequestMethod("PUT");
        connection.setDoOutput(true);
        connection.setConnectTimeout(2000);
        connection.setReadTimeout(30_000);
        connection.setRequestProperty("Content-Type", type);
        byte[] bytes = ("\u0000\u0001\u0002" + body).getBytes(StandardCharsets.ISO_8859_1);
        if (type.startsWith("text/")) {
            bytes = body.getBytes(StandardCharsets.UTF_8);
        }
        try (OutputStream out = connection.getOutputStream()) {
            out.write(bytes);
        }
        int status = connection.getResponseCode();
        try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            if (in != null) {
                in.readAllBytes();
            }
        }
        return status;
    }
}
