package org.tracewall.core.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tracewall.core.config.ConfigValues;

/**
 * The {@code store.*} keys of tracewall.properties: where stateful checks keep their state.
 *
 * <pre>
 * store.type=embedded                  # embedded (default) | redis | memory
 * store.file=tracewall/state.mv.db     # embedded: relative to James's var/ folder
 * store.redis.uri=redis://127.0.0.1:6379            # or redis-sentinel://h1:26379,h2:26379/0#mymaster
 * store.redis.cluster=false            # true: store.redis.uri lists cluster seed nodes, comma separated
 * store.redis.timeout=1s
 * </pre>
 */
public final class StoreConfig {
    /** Which implementation. */
    public enum Type { EMBEDDED, REDIS, MEMORY }

    public static final String PREFIX = "store.";
    private static final Set<String> KEYS = Set.of("store.type", "store.file", "store.redis.uri", "store.redis.cluster",
        "store.redis.timeout");

    private final Type type;
    private final String file;
    private final List<String> redisUris;
    private final boolean cluster;
    private final Duration timeout;

    private StoreConfig(Type type, String file, List<String> redisUris, boolean cluster, Duration timeout) {
        this.type = type;
        this.file = file;
        this.redisUris = List.copyOf(redisUris);
        this.cluster = cluster;
        this.timeout = timeout;
    }

    /**
     * @throws IllegalArgumentException naming the bad or unknown key
     */
    public static StoreConfig fromProperties(Map<String, String> p) {
        for (String key : p.keySet()) {
            if (key.startsWith(PREFIX) && !KEYS.contains(key)) {
                throw new IllegalArgumentException("Unknown key '" + key + "' (known: " + String.join(", ", KEYS) + ")");
            }
        }
        Type type = ConfigValues.choice("store.type", p.getOrDefault("store.type", "embedded"), Type.class);
        List<String> uris = new ArrayList<>();
        for (String uri : p.getOrDefault("store.redis.uri", "redis://127.0.0.1:6379").split(",")) {
            if (!uri.isBlank()) {
                String u = uri.trim();
                if (!u.startsWith("redis://") && !u.startsWith("rediss://") && !u.startsWith("redis-sentinel://")) {
                    throw ConfigValues.bad("store.redis.uri", u, "redis://, rediss:// or redis-sentinel:// URIs");
                }
                uris.add(u);
            }
        }
        boolean cluster = ConfigValues.bool("store.redis.cluster", p.getOrDefault("store.redis.cluster", "false"));
        Duration timeout = ConfigValues.duration("store.redis.timeout", p.getOrDefault("store.redis.timeout", "1s"));
        String file = p.getOrDefault("store.file", "tracewall/state.mv.db").trim();
        return new StoreConfig(type, file, uris, cluster, timeout);
    }

    public Type type() {
        return type;
    }

    /** The embedded store's file, relative to James's var/ folder unless absolute. */
    public String file() {
        return file;
    }

    public List<String> redisUris() {
        return redisUris;
    }

    public boolean cluster() {
        return cluster;
    }

    public Duration timeout() {
        return timeout;
    }
}
