package org.tracewall.core.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tracewall.core.config.ConfigValues;
import org.tracewall.core.config.Option;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.config.OptionValues;

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

    public static final Option<Type> TYPE = Option.choice("store.type", Type.class, Type.EMBEDDED,
        "where greylist triplets, rate counters and learned state live; redis: shared by all nodes");
    public static final Option<String> FILE = Option.text("store.file", "tracewall/state.mv.db",
        "the embedded store's file, relative to James's var/");
    public static final Option<List<String>> REDIS_URI = Option.<List<String>>of("store.redis.uri",
        "redis://, rediss:// or redis-sentinel:// URIs", StoreConfig::redisUris, List.of("redis://127.0.0.1:6379"),
        "the Redis server, or comma-separated seeds with store.redis.cluster=true").defaultReads("redis://127.0.0.1:6379");
    public static final Option<Boolean> REDIS_CLUSTER = Option.bool("store.redis.cluster", false, "the URIs are Redis Cluster seeds");
    public static final Option<Duration> REDIS_TIMEOUT = Option.positiveDuration("store.redis.timeout", Duration.ofSeconds(1),
        "per command; past it the check fails open");
    public static final OptionSection OPTIONS = OptionSection.of("store.", "State store", TYPE, FILE, REDIS_URI, REDIS_CLUSTER,
        REDIS_TIMEOUT);

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
        OptionValues values = OPTIONS.read(p);
        return new StoreConfig(values.get(TYPE), values.get(FILE), values.get(REDIS_URI), values.get(REDIS_CLUSTER),
            values.get(REDIS_TIMEOUT));
    }

    private static List<String> redisUris(String key, String value) {
        List<String> uris = new ArrayList<>();
        for (String uri : value.split(",")) {
            String u = uri.trim();
            if (u.isEmpty()) {
                continue;
            }
            if (!u.startsWith("redis://") && !u.startsWith("rediss://") && !u.startsWith("redis-sentinel://")) {
                throw ConfigValues.bad(key, u, "redis://, rediss:// or redis-sentinel:// URIs");
            }
            uris.add(u);
        }
        return List.copyOf(uris);
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
