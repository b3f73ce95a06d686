package org.tracewall.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.tracewall.core.dns.RecordingDnsResolver;
import org.tracewall.core.score.KnownSymbol;
import org.tracewall.core.score.ScoringPolicy;
import org.tracewall.core.trace.TraceRequest;
import org.tracewall.core.trace.TraceVerdict;
import org.tracewall.core.trace.TraceabilityChecker;
import org.tracewall.engine.TracewallEngine;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tracewall check}: the traceability verdict for one (client IP, HELO, MAIL FROM), its
 * reason and every DNS question it took. Exit code: 0 traceable, 1 untraceable, 2 unknown,
 * 3 temperror, 64 bad usage.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Judge whether a sender is traceable to its domain and show the DNS queries it took.",
    exitCodeOnInvalidInput = 64)
final class CheckCommand implements Callable<Integer> {
    private final PrintStream out;

    @Option(names = "--ip", required = true, converter = IpLiteral.class, description = "SMTP client address (IPv4 or IPv6)")
    InetAddress ip;

    @Option(names = "--helo", defaultValue = "", description = "HELO/EHLO name")
    String helo;

    @Option(names = "--from", defaultValue = "", description = "MAIL FROM address; empty for the null sender <>")
    String from;

    @Mixin
    EngineOptions engineOptions = new EngineOptions();

    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;

    CheckCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws IOException {
        InetAddress client = ip;
        RecordingDnsResolver[] recording = new RecordingDnsResolver[1];
        TracewallEngine engine = engineOptions.engine(dns -> recording[0] = new RecordingDnsResolver(dns));
        RecordingDnsResolver resolver = recording[0];
        TraceabilityChecker checker = engine.traceability();

        TraceVerdict verdict = checker.check(new TraceRequest(client, helo, from, null));

        Map<String, Object> symbol = symbol(verdict, engine.scoring());
        if (json) {
            Map<String, Object> report = report(verdict, resolver);
            report.put("symbol", symbol);
            out.println(Json.object(report));
        } else {
            printText(verdict, resolver);
            out.println("symbol:  " + symbol.get("name") + " (weight " + symbol.get("weight") + ", from score.*)");
        }
        return exitCode(verdict);
    }

    private void printText(TraceVerdict verdict, RecordingDnsResolver resolver) {
        out.println("result:  " + verdict.result().code());
        out.println("reason:  " + verdict.reason().code());
        out.println("detail:  " + verdict.detail());
        out.println("domain:  " + verdict.domain());
        verdict.spf().ifPresent(spf -> out.println("spf:     " + spf.result().code() + " (" + spf.detail() + ")"));
        List<RecordingDnsResolver.Query> queries = resolver.queries();
        out.println("dns queries (" + queries.size() + "):");
        queries.forEach(q -> out.println("  " + q));
    }

    /** The scoring symbol the verdict adds in James, with the weight the configuration gives it. */
    private static Map<String, Object> symbol(TraceVerdict verdict, ScoringPolicy scoring) {
        String name = KnownSymbol.of(verdict.result()).name();
        Map<String, Object> symbol = new LinkedHashMap<>();
        symbol.put("name", name);
        symbol.put("weight", scoring.weights().getOrDefault(name, 0.0));
        return symbol;
    }

    private static Map<String, Object> report(TraceVerdict verdict, RecordingDnsResolver resolver) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("result", verdict.result().code());
        report.put("reason", verdict.reason().code());
        report.put("detail", verdict.detail());
        report.put("domain", verdict.domain());
        verdict.spf().ifPresent(spf -> report.put("spf", spf.result().code()));
        report.put("queries", resolver.queries().stream().map(q -> {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("name", q.name());
            query.put("type", q.type());
            query.put("status", q.status().name());
            query.put("data", q.data());
            return query;
        }).collect(Collectors.toList()));
        return report;
    }

    private static int exitCode(TraceVerdict verdict) {
        switch (verdict.result()) {
            case TRACEABLE:
                return 0;
            case UNTRACEABLE:
                return 1;
            case UNKNOWN:
                return 2;
            default:
                return 3;
        }
    }
}
