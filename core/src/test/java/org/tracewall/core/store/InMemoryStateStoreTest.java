package org.tracewall.core.store;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

class InMemoryStateStoreTest implements StateStoreContract {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final InMemoryStateStore store = new InMemoryStateStore(now::get);

    @Override
    public StateStore store() {
        return store;
    }

    @Override
    public void advance(Duration duration) {
        now.addAndGet(duration.toMillis());
    }
}
