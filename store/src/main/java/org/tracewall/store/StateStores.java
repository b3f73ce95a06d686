package org.tracewall.store;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongSupplier;

import org.tracewall.core.store.InMemoryStateStore;
import org.tracewall.core.store.StateStore;
import org.tracewall.core.store.StoreConfig;

/** Opens the {@link StateStore} a {@link StoreConfig} describes. */
public final class StateStores {
    private static final Duration RECONNECT_EVERY = Duration.ofSeconds(5);
    /** After a failed Redis command, calls fail at once for this long (then one is let through). */
    private static final Duration BREAK_FOR = Duration.ofSeconds(1);

    private StateStores() {
    }

    /**
     * @param varDirectory where a relative embedded-store file lives (James's var/ folder)
     * @throws IOException when the embedded store file cannot be opened
     */
    public static StateStore open(StoreConfig config, Path varDirectory) throws IOException {
        return open(config, varDirectory, System::currentTimeMillis);
    }

    /**
     * As {@link #open(StoreConfig, Path)}, with the clock the memory and embedded stores expire
     * entries by (Redis expires on its own clock).
     */
    public static StateStore open(StoreConfig config, Path varDirectory, LongSupplier clockMillis) throws IOException {
        switch (config.type()) {
            case MEMORY:
                return new InMemoryStateStore(clockMillis);
            case REDIS:
                String description = (config.cluster() ? "redis-cluster " : "redis ") + String.join(",", config.redisUris());
                return new ReconnectingStateStore(() -> config.cluster()
                    ? RedisStateStore.connectCluster(config.redisUris(), config.timeout())
                    : RedisStateStore.connect(config.redisUris().get(0), config.timeout()),
                    description, RECONNECT_EVERY, BREAK_FOR, System::currentTimeMillis);
            default:
                return MvStoreStateStore.open(varDirectory.resolve(config.file()), clockMillis);
        }
    }
}
