package org.tracewall.reputation.text;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads attachments' text through an Apache Tika server ({@code PUT /tika}, {@code Accept:
 * text/plain}): the official {@code apache/tika} image, or {@code tracewall-tika.jar}. Parsing runs
 * in that process, never in James's: a parser that loops, a zip bomb or a document that eats memory
 * costs the Tika process, which the operator caps (heap, restart policy). Here every call is
 * bounded: one deadline for the whole exchange, at most {@link #MAX_RESPONSE_BYTES} bytes of text
 * read (the rest is cancelled). Any failure (server down, slow, 4xx/5xx) reads as no text, is
 * counted and logged at most once a minute, and opens a breaker: for {@link #BREAK_FOR} no call is
 * made, so a stalled Tika costs one timeout, not one per attachment (the lesson of Redis, README
 * "Load"). Answers are cached by the document's SHA-256 ({@value #CACHE_ENTRIES} documents, at most
 * {@value #CACHE_CHARS} characters in all): the session's score, Bayes and the rules read the same
 * attachment, and a campaign sends the same one many times.
 */
public final class TikaAttachmentReader implements AttachmentReader {
    static final int MAX_RESPONSE_BYTES = 512 * 1024;
    static final Duration BREAK_FOR = Duration.ofSeconds(10);
    static final int CACHE_ENTRIES = 512;
    static final int CACHE_CHARS = 8_000_000;
    private static final Logger LOGGER = LoggerFactory.getLogger(TikaAttachmentReader.class);
    private static final long LOG_INTERVAL_MILLIS = 60_000;

    private final URI endpoint;
    private final Duration timeout;
    private final HttpClient http;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong lastLogged = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong requests = new AtomicLong();
    private final TextCache cache = new TextCache(CACHE_ENTRIES, CACHE_CHARS);
    private volatile long brokenUntil;

    /** @param server the Tika server's base URL, e.g. http://127.0.0.1:9998/ */
    public TikaAttachmentReader(URI server, Duration timeout) {
        String base = server.toString();
        this.endpoint = URI.create(base.endsWith("/") ? base + "tika" : base + "/tika");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public Optional<String> text(String type, String name, byte[] content) {
        String digest = TextCache.digest(content);
        Optional<String> cached = cache.get(digest);
        if (cached != null) {
            return cached;
        }
        if (System.currentTimeMillis() < brokenUntil) {
            return Optional.empty();
        }
        Optional<String> text = ask(type, name, content);
        if (text != null) {
            cache.put(digest, text);
            return text;
        }
        brokenUntil = System.currentTimeMillis() + BREAK_FOR.toMillis();
        return Optional.empty();
    }

    /** The server's answer (empty: no text in it), or null when the server failed. */
    private Optional<String> ask(String type, String name, byte[] content) {
        requests.incrementAndGet();
        HttpRequest request = HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Content-Type", type.contains("/") ? type : "application/octet-stream")
            .header("Accept", "text/plain; charset=UTF-8")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
            .build();
        CompletableFuture<HttpResponse<byte[]>> exchange =
            http.sendAsync(request, info -> new BoundedBody(MAX_RESPONSE_BYTES));
        try {
            HttpResponse<byte[]> response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (response.statusCode() == 422) {
                return Optional.empty(); // not a document Tika can read: an answer, not a failure
            }
            if (response.statusCode() != 200) {
                failed("HTTP " + response.statusCode() + " for " + describe(type, name));
                return null;
            }
            String text = new String(response.body(), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            failed("no answer within " + timeout.toMillis() + " ms for " + describe(type, name));
        } catch (ExecutionException e) {
            failed(e.getCause() + " for " + describe(type, name));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    /** Requests sent to the server, since start (cache hits and calls skipped by the breaker are not). */
    public long requests() {
        return requests.get();
    }

    /** Calls that gave no text because the server failed, since start. */
    public long failures() {
        return failures.get();
    }

    private void failed(String why) {
        long total = failures.incrementAndGet();
        long now = System.currentTimeMillis();
        long last = lastLogged.get();
        if ((last == Long.MIN_VALUE || now - last >= LOG_INTERVAL_MILLIS) && lastLogged.compareAndSet(last, now)) {
            LOGGER.warn("Tika server {}: attachment not read ({} failures so far): {}", endpoint, total, why);
        }
    }

    private static String describe(String type, String name) {
        return type + (name.isEmpty() ? "" : " attachment");
    }

    /** Collects the response body up to a limit, then cancels the rest of it. */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int limit;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        BoundedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int n = Math.min(buffer.remaining(), limit - bytes.size());
                byte[] chunk = new byte[n];
                buffer.get(chunk);
                bytes.write(chunk, 0, n);
            }
            if (bytes.size() >= limit && !result.isDone()) {
                subscription.cancel();
                result.complete(bytes.toByteArray());
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
