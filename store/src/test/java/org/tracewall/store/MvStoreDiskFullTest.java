package org.tracewall.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tracewall.core.store.StoreUnavailableException;
import org.tracewall.greylist.Greylist;
import org.tracewall.greylist.GreylistConfig;
import org.tracewall.greylist.GreylistVerdict;

/**
 * The embedded store on a full disk (issue 9): a 512 KB tmpfs filled with incompressible data.
 * The store reports a clear error naming its file, and greylisting on it fails open (mail is
 * not blocked) and counts the failure. Needs root to mount (as CI runs); elsewhere it is skipped.
 */
class MvStoreDiskFullTest {
    private Path mountPoint;
    private MvStoreStateStore store;

    @BeforeEach
    void mountTinyFileSystem() throws Exception {
        mountPoint = Files.createTempDirectory("tracewall-full");
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", mountPoint.toString())
            .redirectErrorStream(true).start();
        boolean mounted = mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
        Assumptions.assumeTrue(mounted, "mounting a tmpfs needs root");
    }

    @AfterEach
    void unmount() throws Exception {
        if (store != null) {
            try {
                store.close();
            } catch (RuntimeException e) {
                // a store that died of a full disk may not close cleanly
            }
        }
        new ProcessBuilder("umount", mountPoint.toString()).start().waitFor(30, TimeUnit.SECONDS);
        Files.deleteIfExists(mountPoint);
    }

    @Test
    void aFullDiskShouldBeAClearErrorAndGreylistingShouldFailOpen() throws IOException {
        Path file = mountPoint.resolve("state.mv.db");
        store = MvStoreStateStore.open(file);
        Random random = new Random(42);
        StoreUnavailableException full = null;
        for (int i = 0; i < 10_000 && full == null; i++) {
            byte[] noise = new byte[8 * 1024];
            random.nextBytes(noise);
            try {
                store.put("filler-" + i, java.util.Base64.getEncoder().encodeToString(noise), Duration.ofDays(1));
            } catch (StoreUnavailableException e) {
                full = e;
            }
        }
        assertThat(full).as("the store noticed the full disk").isNotNull();
        assertThat(full.getMessage()).contains(file.toString());

        Greylist greylist = new Greylist(store, GreylistConfig.fromProperties(Map.of()));
        GreylistVerdict verdict = greylist.check(InetAddress.getByName("192.0.2.10"), "a@sender.example", "b@tracewall.local");

        assertThat(verdict.outcome()).isEqualTo(GreylistVerdict.Outcome.FAIL_OPEN);
        assertThat(greylist.failOpenCount()).isEqualTo(1);
    }
}
