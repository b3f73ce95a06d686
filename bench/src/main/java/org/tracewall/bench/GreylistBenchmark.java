package org.tracewall.bench;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tracewall.core.store.InMemoryStateStore;
import org.tracewall.core.store.StateStore;
import org.tracewall.greylist.Greylist;
import org.tracewall.greylist.GreylistConfig;
import org.tracewall.greylist.GreylistVerdict;
import org.tracewall.store.MvStoreStateStore;
import org.tracewall.store.RedisStateStore;
import org.tracewall.testing.redis.RedisServerProcess;

/**
 * Greylist decisions per second on each store, in the steady state of a busy gateway: every
 * decision is for one of 10,000 triplets already passed (whitelist lookups, auto-whitelist
 * lookup, triplet read and refresh). Redis is a real redis-server on loopback.
 *
 * <pre>
 * java -jar bench/target/tracewall-bench.jar GreylistBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class GreylistBenchmark {
    private static final int TRIPLETS = 10_000;

    @Param({"memory", "embedded", "redis"})
    public String store;

    private StateStore stateStore;
    private RedisServerProcess redis;
    private Path directory;
    private Greylist greylist;
    private InetAddress[] clients;
    private long now = 1_000_000_000L;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        switch (store) {
            case "memory":
                stateStore = new InMemoryStateStore(() -> now);
                break;
            case "embedded":
                directory = Files.createTempDirectory("tracewall-bench");
                stateStore = MvStoreStateStore.open(directory.resolve("state.mv.db"), () -> now);
                break;
            default:
                redis = RedisServerProcess.startOnFreePort();
                stateStore = RedisStateStore.connect(redis.uri(), Duration.ofSeconds(2));
        }
        // The bench moves its own clock past the delay; Redis expiry uses real time, far longer.
        greylist = new Greylist(stateStore, GreylistConfig.defaults(), () -> now);
        clients = new InetAddress[TRIPLETS];
        for (int i = 0; i < TRIPLETS; i++) {
            clients[i] = InetAddress.getByName("10." + (i >> 8 & 255) + "." + (i & 255) + ".1");
            greylist.check(clients[i], "sender" + i + "@example.com", "user@example.net");
        }
        now += Duration.ofMinutes(10).toMillis();
        for (int i = 0; i < TRIPLETS; i++) {
            GreylistVerdict verdict = greylist.check(clients[i], "sender" + i + "@example.com", "user@example.net");
            if (verdict.isDeferred()) {
                throw new IllegalStateException("setup failed: " + verdict);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        stateStore.close();
        if (redis != null) {
            redis.stop();
        }
    }

    @Benchmark
    public GreylistVerdict knownTriplet() {
        int i = ThreadLocalRandom.current().nextInt(TRIPLETS);
        return greylist.check(clients[i], "sender" + i + "@example.com", "user@example.net");
    }
}
