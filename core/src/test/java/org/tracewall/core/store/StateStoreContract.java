package org.tracewall.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/**
 * What every {@link StateStore} must do. Implementations' tests implement {@link #store()}
 * and {@link #advance(Duration)} (move the store's clock, or wait for real expiry).
 */
public interface StateStoreContract {

    StateStore store();

    /** Lets {@code duration} pass for the store. */
    void advance(Duration duration) throws Exception;

    /** A key no other test uses, so that shared servers need no cleaning. */
    default String key(String name) {
        return "test:" + name + ":" + UUID.randomUUID();
    }

    @Test
    default void getShouldReturnWhatWasPut() {
        String key = key("put");
        store().put(key, "value", Duration.ofMinutes(5));

        assertThat(store().get(key)).contains("value");
    }

    @Test
    default void getShouldReturnEmptyForAnUnknownKey() {
        assertThat(store().get(key("unknown"))).isEmpty();
    }

    @Test
    default void putShouldReplaceTheValue() {
        String key = key("replace");
        store().put(key, "one", Duration.ofMinutes(5));
        store().put(key, "two", Duration.ofMinutes(5));

        assertThat(store().get(key)).contains("two");
    }

    @Test
    default void valuesShouldExpireAfterTheirTtl() throws Exception {
        String key = key("ttl");
        store().put(key, "value", Duration.ofMillis(1500));

        advance(Duration.ofMillis(2500));

        assertThat(store().get(key)).isEmpty();
    }

    @Test
    default void putIfAbsentShouldStoreOnlyTheFirstValue() {
        String key = key("nx");

        assertThat(store().putIfAbsent(key, "first", Duration.ofMinutes(5))).isTrue();
        assertThat(store().putIfAbsent(key, "second", Duration.ofMinutes(5))).isFalse();
        assertThat(store().get(key)).contains("first");
    }

    @Test
    default void putIfAbsentShouldStoreAgainOnceTheOldValueExpired() throws Exception {
        String key = key("nx-expired");
        store().putIfAbsent(key, "first", Duration.ofMillis(1500));
        advance(Duration.ofMillis(2500));

        assertThat(store().putIfAbsent(key, "second", Duration.ofMinutes(5))).isTrue();
        assertThat(store().get(key)).contains("second");
    }

    @Test
    default void deleteShouldRemoveTheKey() {
        String key = key("delete");
        store().put(key, "value", Duration.ofMinutes(5));

        store().delete(key);

        assertThat(store().get(key)).isEmpty();
    }

    @Test
    default void incrementShouldCountWithinTheWindowAndRestartAfterIt() throws Exception {
        String key = key("counter");
        assertThat(store().increment(key, Duration.ofMillis(1500))).isEqualTo(1);
        assertThat(store().increment(key, Duration.ofMillis(1500))).isEqualTo(2);
        assertThat(store().increment(key, Duration.ofMillis(1500))).isEqualTo(3);

        advance(Duration.ofMillis(2500));

        assertThat(store().increment(key, Duration.ofMillis(1500))).isEqualTo(1);
    }

    @Test
    default void incrementByMoreThanOneShouldAddItWithinOneWindow() throws Exception {
        String key = key("add");
        assertThat(store().increment(key, 5, Duration.ofMillis(1500))).isEqualTo(5);
        assertThat(store().increment(key, 20, Duration.ofMillis(1500))).isEqualTo(25);
        assertThat(store().increment(key, Duration.ofMillis(1500))).isEqualTo(26);
        advance(Duration.ofMillis(2500));
        assertThat(store().increment(key, 3, Duration.ofMillis(1500))).as("a new window").isEqualTo(3);
    }

    @Test
    default void incrementShouldNotLoseConcurrentUpdates() throws Exception {
        String key = key("concurrent");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 250; i++) {
                        store().increment(key, Duration.ofMinutes(5));
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(store().increment(key, Duration.ofMinutes(5))).isEqualTo(1001);
    }

    @Test
    default void setsShouldAddListAndRemoveMembers() {
        String set = key("set");
        store().addToSet(set, "192.0.2.0/24");
        store().addToSet(set, "example.com");
        store().addToSet(set, "example.com");

        assertThat(store().members(set)).containsExactlyInAnyOrder("192.0.2.0/24", "example.com");
        assertThat(store().isMember(set, "example.com")).isTrue();

        store().removeFromSet(set, "example.com");

        assertThat(store().members(set)).containsExactly("192.0.2.0/24");
        assertThat(store().isMember(set, "example.com")).isFalse();
    }

    @Test
    default void membersShouldBeEmptyForAnUnknownSet() {
        assertThat(store().members(key("empty"))).isEmpty();
    }

    @Test
    default void countersShouldAddPerFieldAndLeaveMissingFieldsOut() {
        String map = key("counters");
        store().addToCounters(map, List.of("a", "b"), 1);
        store().addToCounters(map, List.of("b", "c"), 2);
        store().addToCounters(map, List.of("c"), -1);

        assertThat(store().counters(map, List.of("a", "b", "c", "never")))
            .isEqualTo(Map.of("a", 1L, "b", 3L, "c", 1L));
        assertThat(store().counters(key("other"), List.of("a"))).isEmpty();
    }

    @Test
    default void countersShouldHandleBatchesOfThousandsOfFields() {
        String map = key("many");
        List<String> fields = IntStream.range(0, 5001).mapToObj(i -> "token-" + i).collect(Collectors.toList());
        store().addToCounters(map, fields, 1);
        store().addToCounters(map, fields.subList(0, 10), 1);

        Map<String, Long> counts = store().counters(map, fields);
        assertThat(counts).hasSize(5001);
        assertThat(counts.get("token-0")).isEqualTo(2L);
        assertThat(counts.get("token-5000")).isEqualTo(1L);
    }

    @Test
    default void allCountersShouldReadAMapWholeAndDeleteCountersRemoveIt() {
        String map = key("whole");
        String neighbour = key("whole") + "x";
        store().addToCounters(map, List.of("a", "发票"), 2);
        store().addToCounters(neighbour, List.of("a"), 5);

        assertThat(store().allCounters(map)).isEqualTo(Map.of("a", 2L, "发票", 2L));

        store().deleteCounters(map);
        assertThat(store().allCounters(map)).isEmpty();
        assertThat(store().allCounters(neighbour)).as("a map whose name begins the same").isEqualTo(Map.of("a", 5L));
    }

    @Test
    default void countersShouldKeepUnicodeFieldNamesApart() {
        String map = key("unicode");
        store().addToCounters(map, List.of("发票", "发", "subject:发票"), 1);

        assertThat(store().counters(map, List.of("发票", "发", "subject:发票"))).hasSize(3);
    }
}
