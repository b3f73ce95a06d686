package org.tracewall.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.tracewall.core.store.StateStore;
import org.tracewall.core.store.StoreUnavailableException;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

/**
 * A {@link StateStore} in Redis, shared by several James nodes, through Lettuce (bundled and
 * relocated in the extension jar). Standalone ({@code redis://host:6379}), Sentinel
 * ({@code redis-sentinel://host:26379,host2:26379/0#mymaster}) and Cluster (several
 * {@code redis://} seeds with cluster mode). Commands time out quickly: a slow or dead Redis
 * raises {@link StoreUnavailableException}, and checks fail open.
 */
public final class RedisStateStore implements StateStore {
    /** INCR, and start the window on the first increment: one atomic step. */
    /** INCRBY; the key that has no expiry yet (it was just created) gets the window. */
    private static final String INCREMENT_IN_WINDOW = "local v = redis.call('INCRBY', KEYS[1], ARGV[2])"
        + " if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return v";

    /** HINCRBY of every field, one round trip; ARGV[1] is the delta. */
    private static final String ADD_TO_COUNTERS =
        "for i = 2, #ARGV do redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[1]) end return #ARGV - 1";
    /** Fields per command: bounds the size of one request and of Redis's reply buffer. */
    private static final int BATCH = 2000;

    private final String description;
    private final AbstractRedisClient client;
    private final StatefulConnection<String, String> connection;
    private final RedisClusterCommands<String, String> commands;

    private RedisStateStore(String description, AbstractRedisClient client, StatefulConnection<String, String> connection,
                            RedisClusterCommands<String, String> commands) {
        this.description = description;
        this.client = client;
        this.connection = connection;
        this.commands = commands;
    }

    /**
     * Connects to a standalone or Sentinel-managed Redis.
     *
     * @throws StoreUnavailableException when Redis cannot be reached now
     */
    public static RedisStateStore connect(String uri, Duration timeout) {
        RedisURI redisUri = RedisURI.create(uri);
        redisUri.setTimeout(timeout);
        RedisClient client = RedisClient.create(redisUri);
        // While disconnected, commands fail at once (fail open) instead of queueing until their timeout.
        client.setOptions(ClientOptions.builder().disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
        try {
            var connection = client.connect();
            connection.setTimeout(timeout);
            return new RedisStateStore("redis " + uri, client, connection, connection.sync());
        } catch (RedisException e) {
            client.shutdown();
            throw new StoreUnavailableException("cannot connect to " + uri + ": " + e.getMessage(), e);
        }
    }

    /** Connects to a Redis Cluster through its seed nodes. */
    public static RedisStateStore connectCluster(List<String> seeds, Duration timeout) {
        List<RedisURI> uris = seeds.stream().map(RedisURI::create).collect(Collectors.toList());
        uris.forEach(u -> u.setTimeout(timeout));
        RedisClusterClient client = RedisClusterClient.create(uris);
        client.setOptions(ClusterClientOptions.builder()
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
        try {
            var connection = client.connect();
            connection.setTimeout(timeout);
            return new RedisStateStore("redis-cluster " + seeds, client, connection, connection.sync());
        } catch (RedisException e) {
            client.shutdown();
            throw new StoreUnavailableException("cannot connect to cluster " + seeds + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> get(String key) {
        return guarded(() -> Optional.ofNullable(commands.get(key)));
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        guarded(() -> commands.set(key, value, SetArgs.Builder.px(ttl.toMillis())));
    }

    @Override
    public boolean putIfAbsent(String key, String value, Duration ttl) {
        return guarded(() -> "OK".equals(commands.set(key, value, SetArgs.Builder.nx().px(ttl.toMillis()))));
    }

    @Override
    public void delete(String key) {
        guarded(() -> commands.del(key));
    }

    @Override
    public long increment(String key, long delta, Duration window) {
        Long count = guarded(() -> commands.eval(INCREMENT_IN_WINDOW, ScriptOutputType.INTEGER, new String[] {key},
            Long.toString(window.toMillis()), Long.toString(delta)));
        return count;
    }

    @Override
    public void addToCounters(String map, Collection<String> fields, long delta) {
        for (List<String> batch : batches(fields)) {
            String[] args = new String[batch.size() + 1];
            args[0] = Long.toString(delta);
            for (int i = 0; i < batch.size(); i++) {
                args[i + 1] = batch.get(i);
            }
            guarded(() -> commands.eval(ADD_TO_COUNTERS, ScriptOutputType.INTEGER, new String[] {map}, args));
        }
    }

    @Override
    public Map<String, Long> counters(String map, Collection<String> fields) {
        Map<String, Long> found = new HashMap<>();
        for (List<String> batch : batches(fields)) {
            guarded(() -> commands.hmget(map, batch.toArray(new String[0])))
                .forEach(kv -> kv.ifHasValue(v -> found.put(kv.getKey(), Long.parseLong(v))));
        }
        return found;
    }

    @Override
    public Map<String, Long> allCounters(String map) {
        Map<String, Long> found = new HashMap<>();
        guarded(() -> commands.hgetall(map)).forEach((field, value) -> found.put(field, Long.parseLong(value)));
        return found;
    }

    @Override
    public void deleteCounters(String map) {
        guarded(() -> commands.del(map));
    }

    private static List<List<String>> batches(Collection<String> fields) {
        List<String> all = List.copyOf(fields);
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < all.size(); i += BATCH) {
            batches.add(all.subList(i, Math.min(all.size(), i + BATCH)));
        }
        return batches;
    }

    @Override
    public void addToSet(String set, String member) {
        guarded(() -> commands.sadd(set, member));
    }

    @Override
    public void removeFromSet(String set, String member) {
        guarded(() -> commands.srem(set, member));
    }

    @Override
    public Set<String> members(String set) {
        return guarded(() -> Set.copyOf(commands.smembers(set)));
    }

    @Override
    public boolean isMember(String set, String member) {
        return guarded(() -> commands.sismember(set, member));
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    private <T> T guarded(Supplier<T> action) {
        try {
            return action.get();
        } catch (RedisException e) {
            throw new StoreUnavailableException(description + ": " + e.getMessage(), e);
        }
    }
}
