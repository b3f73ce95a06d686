package org.tracewall.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

import org.tracewall.core.audit.AuditReport;
import org.tracewall.core.audit.SenderAudit;
import org.tracewall.core.dns.DnsResolver;
import org.tracewall.core.helo.HeloPtrChecker;
import org.tracewall.core.spf.SpfEvaluator;
import org.tracewall.engine.TracewallEngine;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tracewall audit}: the server audit of {@code GET /tracewall/audit}, from cron without
 * WebAdmin. Exit code 0 when clean, 1 when there are problems (one per line), 64 bad usage.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 64,
    description = "Check how receivers see mail sent from an address for a domain: block lists, PTR, SPF, traceability.")
final class AuditCommand implements Callable<Integer> {
    private final PrintStream out;

    @Option(names = "--ip", required = true, converter = IpLiteral.class, description = "an address this server sends from")
    InetAddress ip;
    @Option(names = "--domain", required = true, description = "a domain it sends for")
    String domain;
    @Option(names = "--helo", description = "the name it greets with (default: the domain)")
    String helo;
    @Mixin
    EngineOptions engineOptions = new EngineOptions();
    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;

    AuditCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws IOException {
        InetAddress address = ip;
        TracewallEngine engine = engineOptions.engine(UnaryOperator.identity());
        DnsResolver resolver = engine.dns();
        // The file's lists: the command does not open the state store (a running James may hold it).
        SenderAudit audit = new SenderAudit(engine.liveDnsLists().fileValue().checker(), new HeloPtrChecker(resolver),
            new SpfEvaluator(resolver), engine.traceability());
        AuditReport report = audit.audit(address, domain, helo == null || helo.isBlank() ? domain : helo);
        if (json) {
            out.println(Json.object(report.asMap()));
        } else {
            out.println(report.ok() ? "ok: no problem found" : report.problems().size() + " problem(s):");
            report.problems().forEach(problem -> out.println("  " + problem));
        }
        return report.ok() ? 0 : 1;
    }
}
