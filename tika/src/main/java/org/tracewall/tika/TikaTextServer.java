package org.tracewall.tika;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.tika.Tika;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The text of a document over HTTP, as Apache Tika's own server answers it: {@code PUT /tika} with
 * the document as body (its type in Content-Type, a hint only: Tika detects) returns its plain text;
 * {@code GET /tika} greets, {@code GET /version} names Tika. Bounded: uploads of at most
 * {@code --max-bytes}, at most {@code --max-chars} characters of text (the rest is cut, not an
 * error), one deadline per parse ({@code --timeout}, then 503), {@code --workers} parses at once.
 * Embedded documents (a PDF in a zip) are parsed within the same character budget, under Tika's
 * zip-bomb guard (compression ratio and depth limits). Unparseable documents get 422. Run it with a capped heap (-Xmx): a document that eats memory
 * then costs this process, never James.
 *
 * <p>A parser can spin where no interrupt reaches it, and {@code Future.cancel} does not stop it:
 * a few such documents (as many as there are workers) would wedge the server for good. So, as
 * Tika's own server does with {@code -spawnChild}, {@link #main} is a watchdog that runs the
 * server in a child JVM (same class path and JVM options) and starts it again when it ends; the
 * child answers 503 for a parse past its deadline and, when the parse still has not stopped after
 * a grace period, exits so that the watchdog replaces it with a fresh process.
 */
public final class TikaTextServer {
    /** The child's exit status when a parse would not stop: the watchdog starts a new child. */
    static final int EXIT_STUCK_PARSER = 75;
    private static final String CHILD = "--child";
    private static final long GRACE_MILLIS = 2_000;

    private final AutoDetectParser parser = new AutoDetectParser();
    private final ExecutorService parsers;
    private final Options options;
    private final HttpServer server;

    TikaTextServer(Options options) throws IOException {
        this.options = options;
        this.parsers = Executors.newFixedThreadPool(options.workers, daemon("tika-parse"));
        this.server = HttpServer.create(new InetSocketAddress(options.host, options.port), 64);
        server.setExecutor(Executors.newFixedThreadPool(options.workers * 2, daemon("tika-http")));
        server.createContext("/tika", this::tika);
        server.createContext("/version", exchange -> reply(exchange, 200, Tika.getString()));
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (List.of(args).contains(CHILD)) {
            runChild(List.of(args).stream().filter(a -> !a.equals(CHILD)).toArray(String[]::new));
        } else {
            Options.parse(args); // a bad option is named here, once, not by every child
            watch(args);
        }
    }

    private static void runChild(String[] args) throws IOException {
        Options options = Options.parse(args);
        // Without its watchdog (killed, even with SIGKILL) the child must not live on holding the port.
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
        TikaTextServer server = new TikaTextServer(options);
        server.server.start();
        System.out.println("tracewall-tika listening on http://" + options.host + ":" + server.port() + "/tika ("
            + Tika.getString() + ")");
    }

    /** Runs the server in a child JVM, again each time it ends other than cleanly; stops it on the way out. */
    private static void watch(String[] args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TikaTextServer.class.getName(), CHILD));
        command.addAll(List.of(args));
        AtomicReference<Process> child = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Optional.ofNullable(child.get()).ifPresent(Process::destroy)));
        while (true) {
            child.set(new ProcessBuilder(command).inheritIO().start());
            int status = child.get().waitFor();
            if (status == 0) {
                return;
            }
            System.err.println("tracewall-tika: the server process ended with status " + status
                + (status == EXIT_STUCK_PARSER ? " (a parser would not stop)" : "") + "; starting a new one");
            Thread.sleep(500);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void tika(HttpExchange exchange) throws IOException {
        try {
            if ("GET".equals(exchange.getRequestMethod())) {
                reply(exchange, 200, "This is Tika Server (tracewall-tika). Please PUT\n");
            } else if ("PUT".equals(exchange.getRequestMethod())) {
                put(exchange);
            } else {
                reply(exchange, 405, "PUT a document, or GET\n");
            }
        } finally {
            exchange.close();
        }
    }

    private void put(HttpExchange exchange) throws IOException {
        byte[] document;
        try (InputStream in = exchange.getRequestBody()) {
            document = in.readNBytes(options.maxBytes + 1);
        }
        if (document.length > options.maxBytes) {
            reply(exchange, 413, "Document larger than " + options.maxBytes + " bytes\n");
            return;
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        CountDownLatch ended = new CountDownLatch(1);
        Future<String> parse = parsers.submit(() -> {
            try {
                return text(document, type);
            } finally {
                ended.countDown();
            }
        });
        try {
            reply(exchange, 200, parse.get(options.timeoutSeconds, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            parse.cancel(true);
            reply(exchange, 503, "Parsing took longer than " + options.timeoutSeconds + " s\n");
            exitUnlessItStops(ended);
        } catch (ExecutionException e) {
            reply(exchange, 422, "Unprocessable document: " + e.getCause().getClass().getSimpleName() + "\n");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply(exchange, 503, "Interrupted\n");
        }
    }

    /** A parse that ignores the interrupt holds its worker for good: hand over to a fresh process. */
    private static void exitUnlessItStops(CountDownLatch ended) {
        Thread watcher = new Thread(() -> {
            try {
                if (!ended.await(GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                    System.err.println("tracewall-tika: a parser did not stop after its deadline; exiting for a fresh process");
                    Runtime.getRuntime().halt(EXIT_STUCK_PARSER);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tika-stuck-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private String text(byte[] document, String type) throws Exception {
        BodyContentHandler handler = new BodyContentHandler(options.maxChars);
        Metadata metadata = new Metadata();
        if (type != null && !type.startsWith("application/octet-stream")) {
            metadata.set(Metadata.CONTENT_TYPE, type);
        }
        try (TikaInputStream in = TikaInputStream.get(new ByteArrayInputStream(document))) {
            parser.parse(in, handler, metadata, new ParseContext());
        } catch (Exception e) {
            if (!WriteLimitReachedException.isWriteLimitReached(e)) {
                throw e;
            }
            // The text was cut at --max-chars: what was read is the answer.
        }
        return handler.toString();
    }

    private static void reply(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=UTF-8");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Command-line options, each with a default that suits a mail gateway. */
    static final class Options {
        String host = "127.0.0.1";
        int port = 9998;
        int timeoutSeconds = 20;
        int maxChars = 100_000;
        int maxBytes = 16 * 1024 * 1024;
        int workers = 2;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--host": o.host = required(args[i], value); break;
                    case "--port": o.port = number(args[i], value); break;
                    case "--timeout": o.timeoutSeconds = number(args[i], value); break;
                    case "--max-chars": o.maxChars = number(args[i], value); break;
                    case "--max-bytes": o.maxBytes = number(args[i], value); break;
                    case "--workers": o.workers = number(args[i], value); break;
                    default:
                        throw new IllegalArgumentException("Unknown option " + args[i]
                            + " (known: --host, --port, --timeout SECONDS, --max-chars, --max-bytes, --workers)");
                }
                i++;
            }
            return o;
        }

        private static String required(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }

        private static int number(String option, String value) {
            try {
                int n = Integer.parseInt(required(option, value));
                if (n < 0) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a non-negative number, not '" + value + "'", e);
            }
        }
    }
}
