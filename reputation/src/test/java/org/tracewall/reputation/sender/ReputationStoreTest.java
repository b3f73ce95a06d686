package org.tracewall.reputation.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.tracewall.core.store.InMemoryStateStore;

class ReputationStoreTest {
    private final AtomicLong now = new AtomicLong(1_800_000_000_000L);
    private final ReputationStore store = new ReputationStore(new InMemoryStateStore(now::get),
        ReputationConfig.fromProperties(Map.of("reputation.halfLife", "7d", "reputation.minWeight", "2")), now::get);

    private static ReputationFeatures features(String ip, String helo) throws Exception {
        return ReputationFeatures.of(InetAddress.getByName(ip), "bad.test", helo, null, List.of("spam.test"));
    }

    @Test
    void featuresShouldNameTheSourceAndItsClusterByShape() throws Exception {
        assertThat(features("192.0.2.5", "dsl-12-34.example.net").keys()).containsExactly("ip:192.0.2.5", "net:192.0.2.0/24",
            "domain:bad.test", "helo:dsl-12-34.example.net", "url:spam.test", "cluster:dsl-#-#.example.net|bad.test|spam.test");
        assertThat(features("192.0.2.9", "dsl-56-78.example.net").keys()).contains("cluster:dsl-#-#.example.net|bad.test|spam.test");
    }

    @Test
    void aUsersWordOnOneMailShouldCountOnceHoweverOftenItIsReported() throws Exception {
        ReputationFeatures spammer = features("192.0.2.5", "dsl-1.example.net");

        assertThat(store.recordOnce(new StampedOrigin("mail-1", spammer), ReputationStore.Outcome.BAD)).isTrue();
        assertThat(store.recordOnce(new StampedOrigin("mail-1", spammer), ReputationStore.Outcome.BAD)).isFalse();
        assertThat(store.recordOnce(new StampedOrigin("mail-1", spammer), ReputationStore.Outcome.GOOD)).isFalse();
        assertThat(store.lookup(spammer).get("ip:192.0.2.5").bad()).isEqualTo(1.0);

        assertThat(store.recordOnce(new StampedOrigin("mail-2", spammer), ReputationStore.Outcome.BAD)).as("another mail").isTrue();
        assertThat(store.lookup(spammer).get("ip:192.0.2.5").bad()).isEqualTo(2.0);
    }

    @Test
    void outcomesShouldAddUpAndFadeWithTheHalfLife() throws Exception {
        ReputationFeatures spammer = features("192.0.2.5", "dsl-1.example.net");
        store.record(spammer, ReputationStore.Outcome.BAD);
        store.record(spammer, ReputationStore.Outcome.BAD);
        store.record(spammer, ReputationStore.Outcome.GOOD);

        Reputation ip = store.lookup(spammer).get("ip:192.0.2.5");
        assertThat(ip.bad()).isCloseTo(2.0, within(1e-3));
        assertThat(ip.score()).isCloseTo((2 - 1) / 5.0, within(1e-3));

        now.addAndGet(Duration.ofDays(7).toMillis());
        assertThat(store.lookup(spammer).get("ip:192.0.2.5").bad()).as("one half-life later").isCloseTo(1.0, within(1e-3));
    }

    @Test
    void aNewAddressShouldInheritItsClusterAndNetwork() throws Exception {
        store.record(features("192.0.2.5", "dsl-1.example.net"), ReputationStore.Outcome.BAD);
        store.record(features("192.0.2.5", "dsl-1.example.net"), ReputationStore.Outcome.BAD);

        Map<String, Reputation> known = store.lookup(features("192.0.2.77", "dsl-77.example.net"));

        assertThat(known).doesNotContainKey("ip:192.0.2.77").containsKeys("net:192.0.2.0/24", "cluster:dsl-#.example.net|bad.test|spam.test");
        assertThat(store.worst(known)).isPresent();
        assertThat(store.worst(known).get().getValue().score()).isCloseTo(0.5, within(1e-3));
    }

    @Test
    void whatIsBarelyKnownShouldNotCount() throws Exception {
        store.record(features("192.0.2.5", "dsl-1.example.net"), ReputationStore.Outcome.BAD);

        assertThat(store.worst(store.lookup(features("192.0.2.5", "dsl-1.example.net")))).as("weight 1 < minWeight 2").isEmpty();
        store.record(features("192.0.2.5", "dsl-1.example.net"), ReputationStore.Outcome.BAD);
        now.addAndGet(1000);
        assertThat(store.worst(store.lookup(features("192.0.2.5", "dsl-1.example.net")))).as("two, a second ago").isPresent();
    }
}
