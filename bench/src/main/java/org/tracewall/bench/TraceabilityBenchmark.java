package org.tracewall.bench;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tracewall.core.dns.DnsConfig;
import org.tracewall.core.dns.DnsJavaResolver;
import org.tracewall.core.trace.TraceRequest;
import org.tracewall.core.trace.TraceResult;
import org.tracewall.core.trace.TraceVerdict;
import org.tracewall.core.trace.TraceabilityChecker;
import org.tracewall.core.trace.TraceabilityConfig;
import org.tracewall.testing.dns.LoopbackDnsServer;

/**
 * Traceability verdicts per second with a warm DNS cache (every answer already cached, as on
 * a busy gateway): the cost of the engine itself. Zones are served by the loopback DNS server.
 *
 * <pre>
 * ./mvnw -q -pl bench -am package -DskipTests
 * java -jar bench/target/tracewall-bench.jar TraceabilityBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TraceabilityBenchmark {
    private LoopbackDnsServer dns;
    private TraceabilityChecker checker;
    private TraceRequest spfPass;
    private TraceRequest mxNeighbour;
    private TraceRequest untraceable;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dns = LoopbackDnsServer.start();
        dns.zone()
            .txt("spf.example", "v=spf1 ip4:198.51.100.0/24 include:_spf.partner.example -all")
            .txt("_spf.partner.example", "v=spf1 ip4:203.0.113.0/24 -all")
            .mx("example.com", 10, "mx1.example.com").mx("example.com", 20, "mx2.example.com")
            .a("mx1.example.com", "192.0.2.10").a("mx2.example.com", "192.0.2.11").a("example.com", "192.0.2.80");
        DnsJavaResolver resolver = DnsJavaResolver.create(DnsConfig.builder().server(dns.address())
            .timeout(Duration.ofSeconds(1)).deadline(Duration.ofSeconds(2)).cacheMaxTtl(Duration.ofHours(1)).build());
        checker = TraceabilityChecker.fromConfig(resolver, TraceabilityConfig.defaults());
        spfPass = new TraceRequest(InetAddress.getByName("203.0.113.7"), "out.spf.example", "news@spf.example", null);
        mxNeighbour = new TraceRequest(InetAddress.getByName("192.0.2.77"), "out.example.com", "alice@example.com", null);
        untraceable = new TraceRequest(InetAddress.getByName("198.18.5.5"), "dsl.example.net", "alice@example.com", null);
        for (TraceRequest request : new TraceRequest[] {spfPass, mxNeighbour, untraceable}) {
            TraceVerdict verdict = checker.check(request);
            if (verdict.result() == TraceResult.TEMPERROR) {
                throw new IllegalStateException("warm-up failed: " + verdict);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        dns.close();
    }

    @Benchmark
    public TraceVerdict spfPassThroughInclude() {
        return checker.check(spfPass);
    }

    @Benchmark
    public TraceVerdict mxNeighbourWithoutSpf() {
        return checker.check(mxNeighbour);
    }

    @Benchmark
    public TraceVerdict untraceableWithPtrLookup() {
        return checker.check(untraceable);
    }
}
