package org.tracewall.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracewall.core.store.StateStore;
import org.tracewall.core.store.StoreConfig;
import org.tracewall.core.store.StoreUnavailableException;
import org.tracewall.testing.redis.RedisServerProcess;

class StateStoresTest {
    @TempDir
    Path var;

    @Test
    void theDefaultShouldBeAnEmbeddedFileUnderVar() throws Exception {
        try (StateStore store = StateStores.open(StoreConfig.fromProperties(Map.of()), var)) {
            store.put("k", "v", Duration.ofMinutes(1));
            assertThat(store.describe()).isEqualTo("embedded " + var.resolve("tracewall/state.mv.db"));
        }
        assertThat(var.resolve("tracewall/state.mv.db")).isRegularFile();
    }

    @Test
    void aRedisStoreShouldStartWhileRedisIsDownAndWorkOnceItIsUp() throws Exception {
        RedisServerProcess redis = RedisServerProcess.startOnFreePort();
        redis.stop();
        long[] clock = {0};
        StoreConfig config = StoreConfig.fromProperties(Map.of("store.type", "redis", "store.redis.uri", redis.uri(),
            "store.redis.timeout", "500ms"));
        ReconnectingStateStore store = new ReconnectingStateStore(
            () -> RedisStateStore.connect(config.redisUris().get(0), config.timeout()), "redis", Duration.ofSeconds(5), Duration.ofSeconds(1),
            () -> clock[0]);
        try {
            assertThatThrownBy(() -> store.get("k")).isInstanceOf(StoreUnavailableException.class);
            redis.start();
            assertThatThrownBy(() -> store.get("k")).as("no new attempt before the retry interval")
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("next attempt");

            clock[0] += 5_000;

            store.put("k", "v", Duration.ofMinutes(1));
            assertThat(store.get("k")).contains("v");
        } finally {
            store.close();
            redis.stop();
        }
    }

    @Test
    void aRedisThatGoesAwayShouldFailFastUntilTheBreakerLetsACallThrough() throws Exception {
        RedisServerProcess redis = RedisServerProcess.startOnFreePort();
        long[] clock = {0};
        ReconnectingStateStore store = new ReconnectingStateStore(() -> RedisStateStore.connect(redis.uri(), Duration.ofMillis(500)),
            "redis", Duration.ofSeconds(5), Duration.ofSeconds(1), () -> clock[0]);
        try {
            store.put("k", "v", Duration.ofMinutes(1));
            redis.stop();
            assertThatThrownBy(() -> store.get("k")).as("the command that meets the outage")
                .isInstanceOf(StoreUnavailableException.class).satisfies(e -> assertThat(e.getMessage()).doesNotContain("failing fast"));
            assertThatThrownBy(() -> store.get("k")).as("the next ones, without asking Redis")
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("failing fast");

            redis.start();
            clock[0] += 1_000;
            // Lettuce reconnects in the background: try (bounded) until a call gets through.
            Optional<String> value = null;
            for (int attempt = 0; attempt < 150 && value == null; attempt++) {
                clock[0] += 1_000; // each failed try re-opens the breaker: move past it
                try {
                    value = store.get("k");
                } catch (StoreUnavailableException e) {
                    Thread.sleep(200);
                }
            }
            assertThat(value).as("a restarted redis-server without persistence is empty").isEmpty();
        } finally {
            store.close();
            redis.stop();
        }
    }

    @Test
    void configShouldNameABadKeyOrValue() {
        assertThatThrownBy(() -> StoreConfig.fromProperties(Map.of("store.type", "mongo"))).hasMessageContaining("store.type");
        assertThatThrownBy(() -> StoreConfig.fromProperties(Map.of("store.redis.uri", "http://x"))).hasMessageContaining("store.redis.uri");
        assertThatThrownBy(() -> StoreConfig.fromProperties(Map.of("store.redis.url", "redis://x"))).hasMessageContaining("store.redis.url");
    }
}
