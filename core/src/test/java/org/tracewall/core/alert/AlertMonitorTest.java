package org.tracewall.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.tracewall.core.store.InMemoryStateStore;
import org.tracewall.core.store.StateStore;
import org.tracewall.core.store.StoreUnavailableException;

class AlertMonitorTest {
    private final AtomicLong now = new AtomicLong(Instant.parse("2026-12-04T10:00:00Z").toEpochMilli());
    private final InMemoryStateStore store = new InMemoryStateStore(now::get);
    private final Map<String, Long> decisions = new HashMap<>();
    private final AtomicLong failOpen = new AtomicLong();
    private final AtomicLong queue = new AtomicLong();
    private final List<String> listedBy = new ArrayList<>();
    private final List<Alert> received = new ArrayList<>();
    private final AtomicBoolean storeDown = new AtomicBoolean();

    private AlertMonitor monitor(Map<String, String> properties, AlertSink... extra) {
        Map<String, String> all = new HashMap<>(Map.of("alert.webhook", "http://127.0.0.1:9/hook", "alert.minDecisions", "10"));
        all.putAll(properties);
        List<AlertSink> sinks = new ArrayList<>(List.of(extra));
        sinks.add(recording());
        AlertMonitor.Sources sources = new AlertMonitor.Sources(() -> Map.copyOf(decisions), failOpen::get,
            () -> OptionalLong.of(queue.get()), own -> own.getHostAddress().equals("192.0.2.25") ? List.copyOf(listedBy) : List.of());
        return new AlertMonitor(AlertConfig.fromProperties(all), sources, this::store, sinks, "mx1", now::get);
    }

    private StateStore store() {
        if (storeDown.get()) {
            throw new StoreUnavailableException("redis is down", null);
        }
        return store;
    }

    private AlertSink recording() {
        return new AlertSink() {
            @Override
            public void send(Alert alert) {
                received.add(alert);
            }

            @Override
            public String describe() {
                return "recording";
            }
        };
    }

    private void decide(String action, long count) {
        decisions.merge(action, count, Long::sum);
    }

    @Test
    void theFirstCheckShouldOnlyTakeTheBaseline() {
        decide("reject", 100);
        assertThat(monitor(Map.of()).check()).isEmpty();
    }

    @Test
    void aRejectedShareAboveTheThresholdShouldBeSentOnceWithinTheRepeatTime() {
        AlertMonitor monitor = monitor(Map.of("alert.rejectedShare", "0.5"));
        decide("accept", 1000);
        monitor.check();
        decide("reject", 8);
        decide("accept", 2);
        List<Alert> sent = monitor.check();

        assertThat(sent).extracting(Alert::kind).containsExactly(AlertKind.REJECTED_SHARE);
        assertThat(sent.get(0).value()).isEqualTo(0.8);
        assertThat(sent.get(0).message()).contains("8 of the last 10 decisions (80%)");
        assertThat(received).hasSize(1);

        decide("reject", 10);
        assertThat(monitor.check()).as("within alert.repeatAfter").isEmpty();
        now.addAndGet(Duration.ofHours(1).plusSeconds(1).toMillis());
        decide("reject", 10);
        assertThat(monitor.check()).extracting(Alert::kind).containsExactly(AlertKind.REJECTED_SHARE);
    }

    @Test
    void aShareAtTheThresholdOrOverTooFewDecisionsShouldNotBeSent() {
        AlertMonitor monitor = monitor(Map.of("alert.rejectedShare", "0.5"));
        monitor.check();
        decide("reject", 5);
        decide("accept", 5);
        assertThat(monitor.check()).as("exactly the share").isEmpty();
        decide("reject", 9);
        assertThat(monitor.check()).as("9 decisions, 10 needed").isEmpty();
    }

    @Test
    void failOpenQueueGrowthAndAListedAddressShouldEachBeAnAlert() {
        AlertMonitor monitor = monitor(Map.of("alert.failOpen", "3", "alert.queueGrowth", "100", "alert.ownAddresses", "192.0.2.25, 192.0.2.26"));
        queue.set(50);
        monitor.check();
        failOpen.addAndGet(4);
        queue.addAndGet(101);
        listedBy.add("spamhaus");

        List<Alert> sent = monitor.check();

        assertThat(sent).extracting(Alert::kind).containsExactly(AlertKind.FAIL_OPEN, AlertKind.QUEUE_GROWTH, AlertKind.OWN_ADDRESS_LISTED);
        assertThat(sent.get(1).message()).contains("grew by 101 mails to 151");
        assertThat(sent.get(2).subject()).isEqualTo("192.0.2.25");
        assertThat(sent.get(2).message()).contains("listed by spamhaus");
        failOpen.addAndGet(3);
        queue.addAndGet(100);
        assertThat(monitor.check()).as("at the thresholds, and the listing already sent").isEmpty();
    }

    @Test
    void anotherNodeShouldNotSendWhatOneNodeSentThroughTheSameStore() {
        AlertMonitor first = monitor(Map.of("alert.ownAddresses", "192.0.2.25"));
        AlertMonitor second = monitor(Map.of("alert.ownAddresses", "192.0.2.25"));
        listedBy.add("spamcop");

        assertThat(first.check()).hasSize(1);
        assertThat(second.check()).isEmpty();
    }

    @Test
    void aStoreThatDoesNotAnswerShouldNotSilenceTheAlert() {
        AlertMonitor monitor = monitor(Map.of("alert.ownAddresses", "192.0.2.25"));
        listedBy.add("spamcop");
        storeDown.set(true);

        assertThat(monitor.check()).hasSize(1);
        assertThat(monitor.check()).as("no memory of it either: better twice than never").hasSize(1);
    }

    @Test
    void aSinkThatFailsShouldBeCountedAndNotStopTheOthers() {
        AlertSink broken = new AlertSink() {
            @Override
            public void send(Alert alert) throws IOException {
                throw new IOException("refused");
            }

            @Override
            public String describe() {
                return "broken";
            }
        };
        AlertMonitor monitor = monitor(Map.of("alert.ownAddresses", "192.0.2.25"), broken);
        listedBy.add("spamcop");

        monitor.check();

        assertThat(received).hasSize(1);
        assertThat(monitor.failedCount()).isEqualTo(1);
        assertThat(monitor.sentCount()).isEqualTo(1);
    }

    @Test
    void theJsonShouldCarryEveryFieldEscaped() throws Exception {
        Alert alert = new Alert(AlertKind.OWN_ADDRESS_LISTED, "192.0.2.25", "listed by \"zen\"\n", 1, 0, "mx1",
            Instant.parse("2026-12-04T10:00:00Z"));
        assertThat(alert.toJson()).isEqualTo("{\"alert\":\"own-address-listed\",\"subject\":\"192.0.2.25\","
            + "\"message\":\"listed by \\\"zen\\\"\\u000a\",\"value\":1.0,\"threshold\":0.0,\"node\":\"mx1\",\"time\":\"2026-12-04T10:00:00Z\"}");
        assertThat(InetAddress.getByName("192.0.2.25").getHostAddress()).isEqualTo("192.0.2.25");
        assertThat(List.of(AlertKind.values()).stream().map(AlertKind::code).collect(Collectors.toList()))
            .containsExactly("rejected-share", "fail-open", "queue-growth", "own-address-listed");
    }
}
