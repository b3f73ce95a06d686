package org.tracewall.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.tracewall.core.store.InMemoryStateStore;

class AuthThrottleTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final AuthThrottle throttle = new AuthThrottle(new InMemoryStateStore(now::get),
        AuthThrottleConfig.fromProperties(Map.of("auth.failures.perClient", "3", "auth.failures.perAccount", "5",
            "auth.failures.window", "10m")));

    @Test
    void attemptsPastTheClientLimitShouldBeRefusedUntilTheWindowEnds() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.reserve("192.0.2.1", "carol")).as("attempt %d", i).isEmpty();
        }
        assertThat(throttle.reserve("192.0.2.1", "carol")).get().asString().contains("from 192.0.2.1");
        assertThat(throttle.reserve("192.0.2.2", "dave")).as("another client and account").isEmpty();

        now.addAndGet(TimeUnit.MINUTES.toMillis(11));

        assertThat(throttle.reserve("192.0.2.1", "carol")).isEmpty();
    }

    @Test
    void anAccountShouldBeLockedFromEveryAddressPastItsLimit() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.reserve("192.0.2." + i, "Carol")).isEmpty();
        }
        assertThat(throttle.reserve("198.51.100.1", "carol")).get().asString().contains("for this account");
    }

    @Test
    void successfulLoginsShouldNotCountAsFailures() {
        for (int i = 0; i < 20; i++) {
            assertThat(throttle.reserve("192.0.2.1", "carol")).as("login %d", i).isEmpty();
            throttle.succeeded("192.0.2.1", "carol");
        }
    }

    @Test
    void parallelGuessesShouldGetNoMoreTriesThanTheLimit() throws Exception {
        int guessers = 24;
        ExecutorService threads = Executors.newFixedThreadPool(guessers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> tries = new ArrayList<>();
        for (int i = 0; i < guessers; i++) {
            tries.add(threads.submit(() -> {
                start.await();
                return throttle.reserve("192.0.2.1", "carol").isEmpty();
            }));
        }
        start.countDown();
        int allowed = 0;
        for (Future<Boolean> attempt : tries) {
            allowed += attempt.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        threads.shutdown();

        assertThat(allowed).isEqualTo(3);
    }
}
