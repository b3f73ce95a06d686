package org.tracewall.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.tracewall.core.stats.DecisionStats;
import org.tracewall.core.stats.StatsConfig;
import org.tracewall.core.store.InMemoryStateStore;
import org.tracewall.core.store.StoreUnavailableException;

class DomainReportsTest {
    private final AtomicLong now = new AtomicLong(Instant.parse("2026-12-04T10:30:00Z").toEpochMilli());
    private final InMemoryStateStore store = new InMemoryStateStore(now::get);
    private final ReportConfig config = ReportConfig.fromProperties(Map.of("report.com.domain", "Example.com",
        "report.com.to", "admin@example.com", "report.org.domain", "example.org", "report.org.to", "admin@example.org",
        "report.org.every", "week"));
    private final DecisionStats stats = new DecisionStats(() -> store, now::get, StatsConfig.fromProperties(Map.of()), config.domains());

    @Test
    void aReportShouldCountItsDomainsMailAndBeSentOncePerSpanByAllNodes() {
        stats.record("accept", List.of(), "shop.test", "192.0.2.1", List.of("example.com"));
        stats.record("reject", List.of(), "spam.test", "192.0.2.2", List.of("example.com", "example.org"));
        DomainReports node = new DomainReports(config, stats, () -> store, now::get);
        DomainReports otherNode = new DomainReports(config, stats, () -> store, now::get);

        List<DomainReport> due = node.due();

        assertThat(due).hasSize(2);
        DomainReport com = due.get(0);
        assertThat(com.to()).containsExactly("admin@example.com");
        assertThat(com.subject()).isEqualTo("[Tracewall] example.com: 2 mails, 1 rejected, 0 quarantined (the last 24 hours)");
        assertThat(com.text()).contains("  reject              1\n").contains("  accept              1\n").contains("  total               2\n")
            .contains("  spam.test           1\n").contains("2026-12-03T10:30:00Z to 2026-12-04T10:30:00Z");
        assertThat(due.get(1).subject()).contains("example.org: 1 mails, 1 rejected").contains("the last 7 days");
        assertThat(otherNode.due()).as("claimed by the first node").isEmpty();

        now.addAndGet(Duration.ofDays(1).toMillis());
        assertThat(node.due()).as("the daily one again, not the weekly").extracting(DomainReport::to)
            .containsExactly(List.of("admin@example.com"));
    }

    @Test
    void aStoreThatDoesNotAnswerShouldSendNothing() {
        DomainReports node = new DomainReports(config, stats, () -> {
            throw new StoreUnavailableException("down", null);
        }, now::get);
        assertThat(node.due()).isEmpty();
    }

    @Test
    void aReportWithoutAnAdminOrWithABadDomainShouldBeRefusedNamingTheKey() {
        assertThatThrownBy(() -> ReportConfig.fromProperties(Map.of("report.x.domain", "example.com")))
            .hasMessageContaining("report.x.to");
        assertThatThrownBy(() -> ReportConfig.fromProperties(Map.of("report.x.to", "a@example.com")))
            .hasMessageContaining("report.x.domain");
        assertThatThrownBy(() -> ReportConfig.fromProperties(Map.of("report.x.domain", "not a domain", "report.x.to", "a@example.com")))
            .hasMessageContaining("report.x.domain");
        assertThatThrownBy(() -> ReportConfig.fromProperties(Map.of("report.x.domain", "example.com", "report.x.every", "month",
            "report.x.to", "a@example.com"))).hasMessageContaining("report.x.every");
    }
}
