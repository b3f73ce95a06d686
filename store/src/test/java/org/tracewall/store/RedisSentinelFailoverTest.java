package org.tracewall.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracewall.core.store.StateStore;
import org.tracewall.core.store.StoreConfig;
import org.tracewall.core.store.StoreUnavailableException;
import org.tracewall.testing.redis.RedisServerProcess;

/**
 * Redis behind a real Sentinel ({@code redis-server --sentinel}), a master and a replica on
 * loopback: two nodes' stores opened the way James opens them ({@code redis-sentinel://}). The
 * master is killed while the nodes write; meanwhile a write either succeeds or fails as
 * unavailable (the checks fail open), never hangs; once Sentinel has promoted the replica, what
 * one node writes the other reads, and what was written before the failover is still there.
 */
class RedisSentinelFailoverTest {
    private static final Duration FAILOVER_BOUND = Duration.ofSeconds(60);

    @TempDir
    Path var;

    private RedisServerProcess master;
    private RedisServerProcess replica;
    private RedisServerProcess sentinel;

    @AfterEach
    void stop() {
        for (RedisServerProcess process : new RedisServerProcess[] {sentinel, replica, master}) {
            if (process != null) {
                process.stop();
            }
        }
    }

    @Test
    void afterTheMasterDiesBothNodesShouldShareStateThroughThePromotedReplica() throws Exception {
        master = RedisServerProcess.startOnFreePort();
        replica = RedisServerProcess.startReplicaOf(master.port());
        sentinel = RedisServerProcess.startSentinel("tracewall", master.port());
        StoreConfig config = StoreConfig.fromProperties(Map.of("store.type", "redis",
            "store.redis.uri", "redis-sentinel://127.0.0.1:" + sentinel.port() + "/0#tracewall", "store.redis.timeout", "500ms"));
        try (StateStore nodeA = StateStores.open(config, var); StateStore nodeB = StateStores.open(config, var)) {
            nodeA.put("tw:test:before", "written before", Duration.ofMinutes(10));
            awaitOnReplica("tw:test:before");

            master.stop();
            int failedOpen = 0;
            Instant deadline = Instant.now().plus(FAILOVER_BOUND);
            boolean written = false;
            while (!written && Instant.now().isBefore(deadline)) {
                try {
                    nodeA.put("tw:test:after", "written after", Duration.ofMinutes(10));
                    written = replicaIsMaster();
                } catch (StoreUnavailableException e) {
                    failedOpen++; // what a check does meanwhile: fail open, and go on
                }
                Thread.sleep(200);
            }

            assertThat(written).as("a write reached the promoted replica within " + FAILOVER_BOUND).isTrue();
            assertThat(readEventually(nodeB, "tw:test:after")).contains("written after");
            assertThat(readEventually(nodeB, "tw:test:before")).contains("written before");
            assertThat(nodeB.increment("tw:test:counter", Duration.ofMinutes(1))).isEqualTo(1);
            assertThat(nodeA.increment("tw:test:counter", Duration.ofMinutes(1))).isEqualTo(2);
            System.out.printf("Sentinel failover: %d write(s) failed open before the replica took over%n", failedOpen);
        }
    }

    private boolean replicaIsMaster() {
        try (RedisStateStore direct = RedisStateStore.connect(replica.uri(), Duration.ofSeconds(1))) {
            return direct.get("tw:test:after").isPresent();
        } catch (StoreUnavailableException e) {
            return false;
        }
    }

    private void awaitOnReplica(String key) throws InterruptedException {
        Instant deadline = Instant.now().plus(FAILOVER_BOUND);
        while (Instant.now().isBefore(deadline)) {
            try (RedisStateStore direct = RedisStateStore.connect(replica.uri(), Duration.ofSeconds(1))) {
                if (direct.get(key).isPresent()) {
                    return;
                }
            } catch (StoreUnavailableException e) {
                // not up yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError(key + " never reached the replica");
    }

    private static Optional<String> readEventually(StateStore store, String key) throws InterruptedException {
        Instant deadline = Instant.now().plus(FAILOVER_BOUND);
        while (Instant.now().isBefore(deadline)) {
            try {
                return store.get(key);
            } catch (StoreUnavailableException e) {
                Thread.sleep(200);
            }
        }
        return Optional.empty();
    }
}
