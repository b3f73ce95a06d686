package org.tracewall.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.tracewall.core.store.InMemoryStateStore;

class DecisionStatsTest {
    private static final long HOUR = 3_600_000L;
    private final AtomicLong now = new AtomicLong(Instant.parse("2026-12-03T18:20:00Z").toEpochMilli());
    private final InMemoryStateStore store = new InMemoryStateStore(now::get);
    private final DecisionStats stats = new DecisionStats(() -> store, now::get,
        StatsConfig.fromProperties(Map.of("stats.retention", "3h")));

    @Test
    void theSummaryShouldAddUpTheHoursAndRankTheTops() {
        stats.record("accept", List.of("TRACE_TRACEABLE"), "good.example", "192.0.2.1", List.of());
        now.addAndGet(HOUR);
        stats.record("reject", List.of("TRACE_UNTRACEABLE", "DNSBL"), "spam.example", "198.51.100.7", List.of());
        stats.record("reject", List.of("TRACE_UNTRACEABLE"), "spam.example", "198.51.100.8", List.of());
        stats.record("accept", List.of(), "", "", List.of());

        DecisionStats.Summary last2 = stats.summary(2);

        assertThat(last2.actions()).as("largest first, ties by name").containsExactly(Map.entry("accept", 2L), Map.entry("reject", 2L));
        assertThat(last2.topSymbols()).containsExactly(Map.entry("TRACE_UNTRACEABLE", 2L), Map.entry("DNSBL", 1L),
            Map.entry("TRACE_TRACEABLE", 1L));
        assertThat(last2.topSenderDomains()).containsExactly(Map.entry("spam.example", 2L), Map.entry("good.example", 1L));
        assertThat(last2.topClients()).hasSize(3);
        assertThat(last2.actionsByHour()).containsExactly(Map.entry("2026-12-03T18:00:00Z", Map.of("accept", 1L)),
            Map.entry("2026-12-03T19:00:00Z", Map.of("reject", 2L, "accept", 1L)));
        assertThat(stats.summary(1).actions()).containsExactly(Map.entry("reject", 2L), Map.entry("accept", 1L));
    }

    @Test
    void anHourBeyondTheRetentionShouldBeDeletedAndNeverSummed() {
        stats.record("accept", List.of("OLD"), "old.example", "192.0.2.1", List.of());
        now.addAndGet(4 * HOUR);
        stats.record("accept", List.of("NEW"), "new.example", "192.0.2.2", List.of());

        assertThat(stats.summary(100).topSymbols()).containsOnlyKeys("NEW");
        assertThat(store.allCounters(DecisionStats.KEY + "2026120318")).as("deleted, not only left out").isEmpty();
        assertThat(store.allCounters(DecisionStats.KEY + "2026120322")).containsEntry("symbol:NEW", 1L);
    }

    @Test
    void aDomainsSummaryShouldCountItsMailOnlyEachDecisionOncePerDomain() {
        DecisionStats reported = new DecisionStats(() -> store, now::get, StatsConfig.fromProperties(Map.of()), Set.of("example.com", "example.org"));
        reported.record("accept", List.of(), "shop.test", "192.0.2.4", List.of("gmail.example"));
        reported.record("accept", List.of(), "shop.test", "192.0.2.1", List.of("example.com", "example.org"));
        reported.record("reject", List.of(), "spam.test", "192.0.2.2", List.of("example.com"));
        reported.record("reject", List.of(), "spam.test", "192.0.2.2", List.of("example.com"));
        reported.record("accept", List.of(), "", "192.0.2.3", List.of("example.org"));

        DecisionStats.DomainSummary com = reported.domainSummary("example.com", 24);
        assertThat(com.actions()).containsExactly(Map.entry("reject", 2L), Map.entry("accept", 1L));
        assertThat(com.topSenderDomains()).containsExactly(Map.entry("spam.test", 2L), Map.entry("shop.test", 1L));
        assertThat(reported.domainSummary("example.org", 24).actions()).containsExactly(Map.entry("accept", 2L));
        assertThat(reported.summary(24).actions()).as("the server-wide counts are unchanged").containsEntry("reject", 2L).containsEntry("accept", 3L);
        assertThat(reported.summary(24).topSenderDomains()).doesNotContainKey("example.com spam.test");
        assertThat(reported.domainSummary("gmail.example", 24).actions()).as("no report for it: not counted on its own").isEmpty();
    }
}
