package org.tracewall.app.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(10), now::get);

    @Test
    void anAccountShouldBeRefusedPastTheLimitUntilTheWindowEnds() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.reserve("Erin@tracewall.local")).as("attempt %d", i).isTrue();
        }
        assertThat(throttle.reserve("erin@tracewall.local")).isFalse();
        assertThat(throttle.reserve("bob@tracewall.local")).as("another account").isTrue();

        now.addAndGet(TimeUnit.MINUTES.toMillis(10));

        assertThat(throttle.reserve("erin@tracewall.local")).isTrue();
    }

    @Test
    void successfulLoginsShouldNotCount() {
        for (int i = 0; i < 20; i++) {
            assertThat(throttle.reserve("bob@tracewall.local")).isTrue();
            throttle.succeeded("bob@tracewall.local");
        }
    }

    @Test
    void parallelGuessesShouldGetNoMoreTriesThanTheLimit() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> tries = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            tries.add(threads.submit(() -> {
                start.await();
                return throttle.reserve("erin@tracewall.local");
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

    @Test
    void theSettingsShouldBeReadWithTheBadKeyNamed() {
        assertThatThrownBy(() -> LoginThrottle.fromProperties("ten", null)).hasMessageContaining("auth.failures.perAccount");
        assertThatThrownBy(() -> LoginThrottle.fromProperties(null, "soon")).hasMessageContaining("auth.failures.window");
        LoginThrottle unlimited = LoginThrottle.fromProperties("0", "15m");
        for (int i = 0; i < 100; i++) {
            assertThat(unlimited.reserve("bob@tracewall.local")).isTrue();
        }
    }
}
