package org.tracewall.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tracewall.core.store.StateStore;
import org.tracewall.core.store.StateStoreContract;
import org.tracewall.core.store.StoreUnavailableException;
import org.tracewall.testing.redis.RedisServerProcess;

/** The store contract against a real redis-server on loopback, plus an outage and a recovery. */
class RedisStateStoreTest implements StateStoreContract {
    private static RedisServerProcess redis;
    private static RedisStateStore store;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServerProcess.startOnFreePort();
        store = RedisStateStore.connect(redis.uri(), Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        store.close();
        redis.stop();
    }

    @Override
    public StateStore store() {
        return store;
    }

    @Override
    public void advance(Duration duration) throws InterruptedException {
        // Redis expires keys on its own clock: let the time really pass.
        Thread.sleep(duration.toMillis());
    }

    @Test
    void commandsShouldFailAsUnavailableWhileRedisIsDownAndWorkAgainAfter() throws Exception {
        String key = key("outage");
        store.put(key, "before", Duration.ofMinutes(5));

        redis.stop();
        assertThatThrownBy(() -> store.get(key)).isInstanceOf(StoreUnavailableException.class)
            .hasMessageContaining("redis");

        redis.start();
        // Commands are rejected (not queued) until Lettuce has reconnected in the background.
        boolean written = false;
        for (int attempt = 0; attempt < 150 && !written; attempt++) {
            try {
                store.put(key, "after", Duration.ofMinutes(5));
                written = true;
            } catch (StoreUnavailableException e) {
                assertThat(e).hasMessageContaining("not connected");
                Thread.sleep(200);
            }
        }
        assertThat(store.get(key)).contains("after");
    }

    @Test
    void connectShouldFailAsUnavailableWhenNothingListens() {
        assertThatThrownBy(() -> RedisStateStore.connect("redis://127.0.0.1:9", Duration.ofMillis(500)))
            .isInstanceOf(StoreUnavailableException.class);
    }
}
