package org.tracewall.core.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.tracewall.core.store.InMemoryStateStore;

class OperatorSessionsTest {
    final AtomicLong clock = new AtomicLong(1_000_000L);
    final InMemoryStateStore store = new InMemoryStateStore(clock::get);
    final OperatorSessions sessions = new OperatorSessions(() -> store, Duration.ofHours(8));
    final OperatorSession bob = new OperatorSession("bob@example.com", OperatorRole.USER);

    @Test
    void aTokenShouldFindItsSessionUntilItIsClosed() {
        String token = sessions.open(bob);

        assertThat(sessions.find(token)).contains(bob);
        sessions.close(token);
        assertThat(sessions.find(token)).isEmpty();
    }

    @Test
    void aSessionShouldEndAfterItsLifetime() {
        String token = sessions.open(bob);
        clock.addAndGet(Duration.ofHours(8).plusSeconds(1).toMillis());

        assertThat(sessions.find(token)).isEmpty();
    }

    @Test
    void theStoreShouldNotHoldTheTokenItself() {
        String token = sessions.open(bob);

        assertThat(store.get(OperatorSessions.KEY + token)).isEmpty();
        assertThat(sessions.find(token + "x")).isEmpty();
        assertThat(sessions.find("../" + token)).isEmpty();
        assertThat(sessions.find(null)).isEmpty();
    }

    @Test
    void tokensShouldDiffer() {
        assertThat(sessions.open(bob)).isNotEqualTo(sessions.open(bob));
    }
}
