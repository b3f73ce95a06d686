package org.tracewall.core.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.tracewall.core.store.InMemoryStateStore;

class OperationLogTest {
    static final long DAY = 86_400_000L;

    final AtomicLong clock = new AtomicLong(Instant.parse("2026-12-04T10:00:00Z").toEpochMilli());
    final InMemoryStateStore store = new InMemoryStateStore(clock::get);
    final OperationLog log = new OperationLog(() -> store, clock::get);

    @Test
    void entriesShouldComeBackNewestFirstAcrossDays() {
        log.record(operation("PUT /tracewall/score/weights/NO_PTR", 0));
        clock.addAndGet(DAY);
        log.record(operation("DELETE /tracewall/score/rules/OFFER", 0));
        log.record(operation("PUT /tracewall/score/thresholds/tag", 1000));

        assertThat(log.recent(7, 10)).extracting(Operation::action)
            .containsExactly("PUT /tracewall/score/thresholds/tag", "DELETE /tracewall/score/rules/OFFER", "PUT /tracewall/score/weights/NO_PTR");
        assertThat(log.recent(1, 10)).as("today only").hasSize(2);
        assertThat(log.recent(7, 1)).as("the limit").hasSize(1);
    }

    @Test
    void twoIdenticalOperationsShouldBothBeKept() {
        log.record(operation("PUT /x", 0));
        log.record(operation("PUT /x", 0));

        assertThat(log.recent(1, 10)).hasSize(2);
    }

    @Test
    void anEntryShouldKeepItsFieldsAndNotForgeAnother() {
        log.record(new Operation(log.now(), "admin@example.com", "dashboard", "PUT /x", 204, "{\"a\":\n\"b\"}\tsecond\tline"));

        Operation read = log.recent(1, 10).get(0);
        assertThat(read.who()).isEqualTo("admin@example.com");
        assertThat(read.via()).isEqualTo("dashboard");
        assertThat(read.status()).isEqualTo(204);
        assertThat(read.detail()).isEqualTo("{\"a\":?\"b\"}?second?line");
        assertThat(log.recent(1, 10)).hasSize(1);
    }

    @Test
    void daysPastTheRetentionShouldBeDeleted() {
        log.record(operation("PUT /old", 0));
        clock.addAndGet(OperationLog.RETENTION_DAYS * DAY);
        log.record(operation("PUT /new", 0));

        assertThat(store.allCounters(OperationLog.KEY + "20261204")).isEmpty();
        assertThat(log.recent(OperationLog.RETENTION_DAYS + 10, 10)).extracting(Operation::action).containsExactly("PUT /new");
    }

    private Operation operation(String action, long laterMillis) {
        return new Operation(Instant.ofEpochMilli(clock.get() + laterMillis), "admin", "webadmin", action, 204, "");
    }
}
