package org.tracewall.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracewall.core.store.StateStore;
import org.tracewall.core.store.StateStoreContract;
import org.tracewall.core.store.StoreUnavailableException;

class MvStoreStateStoreTest implements StateStoreContract {
    @TempDir
    Path dir;
    private final AtomicLong now = new AtomicLong(1_000_000);
    private MvStoreStateStore store;

    @BeforeEach
    void open() throws IOException {
        store = MvStoreStateStore.open(dir.resolve("state.mv.db"), now::get);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    public StateStore store() {
        return store;
    }

    @Override
    public void advance(Duration duration) {
        now.addAndGet(duration.toMillis());
    }

    @Test
    void stateShouldSurviveARestart() throws IOException {
        store.put("greylist:triplet", "seen", Duration.ofDays(35));
        store.increment("counter", Duration.ofDays(1));
        store.increment("counter", Duration.ofDays(1));
        store.addToSet("whitelist", "192.0.2.0/24");
        store.close();

        store = MvStoreStateStore.open(dir.resolve("state.mv.db"), now::get);

        assertThat(store.get("greylist:triplet")).contains("seen");
        assertThat(store.increment("counter", Duration.ofDays(1))).isEqualTo(3);
        assertThat(store.members("whitelist")).containsExactly("192.0.2.0/24");
    }

    @Test
    void openShouldFailClearlyWhenTheFileIsNotAStore() throws IOException {
        Path garbage = dir.resolve("garbage.mv.db");
        Files.writeString(garbage, "this is not an MVStore file, just text ".repeat(200));

        assertThatThrownBy(() -> MvStoreStateStore.open(garbage))
            .isInstanceOf(IOException.class).hasMessageContaining(garbage.toString());
    }

    @Test
    void aClosedStoreShouldReportItselfUnavailable() {
        store.close();

        assertThatThrownBy(() -> store.get("anything")).isInstanceOf(StoreUnavailableException.class);
    }
}
