package org.tracewall.core.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.tracewall.core.config.ConfigValues;
import org.tracewall.core.config.Option;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.config.OptionValues;
import org.tracewall.core.domain.DomainNames;

/**
 * The {@code report.*} section: the reports that go to each domain's admin, one per name
 * ({@code report.<name>.domain}, {@code .to}, {@code .every}); none by default.
 */
public final class ReportConfig {
    /** How often a report can go: the mail it counts covers the same span. */
    public enum Every {
        DAY(Duration.ofDays(1)), WEEK(Duration.ofDays(7));

        private final Duration span;

        Every(Duration span) {
            this.span = span;
        }

        public Duration span() {
            return span;
        }
    }

    public static final Option<String> DOMAIN = Option.text("report.<name>.domain", null,
        "the recipient domain the report counts (required for each report)");
    public static final Option<List<String>> TO = Option.of("report.<name>.to", "mail addresses", ConfigValues::mailAddresses, List.of(),
        "the domain admin's addresses (required for each report)");
    public static final Option<Every> EVERY = Option.choice("report.<name>.every", Every.class, Every.DAY,
        "day: the last 24 hours, each day; week: the last 7 days, each week (stats.retention must cover it)");
    public static final Option<Duration> CHECK_INTERVAL = Option.positiveDuration("report.checkInterval", Duration.ofHours(1),
        "how often the nodes look for a report that is due (the first node to find it sends it)");
    public static final OptionSection OPTIONS = OptionSection.of("report.", "Reports to domain admins", CHECK_INTERVAL, DOMAIN, TO, EVERY);

    private final List<DomainReportSpec> reports;
    private final Duration checkInterval;

    private ReportConfig(List<DomainReportSpec> reports, Duration checkInterval) {
        this.reports = List.copyOf(reports);
        this.checkInterval = checkInterval;
    }

    /** @throws IllegalArgumentException naming the bad or missing key */
    public static ReportConfig fromProperties(Map<String, String> properties) {
        OptionValues values = OPTIONS.read(properties);
        List<DomainReportSpec> reports = new ArrayList<>();
        for (String name : values.names(DOMAIN, TO, EVERY)) {
            String domain = values.require(DOMAIN, name).toLowerCase(Locale.ROOT);
            if (!DomainNames.isHostName(domain)) {
                throw ConfigValues.bad("report." + name + ".domain", domain, "a domain name");
            }
            List<String> to = values.get(TO, name);
            if (to.isEmpty()) {
                throw new IllegalArgumentException("report." + name + ".to: missing, the admin's address is required");
            }
            reports.add(new DomainReportSpec(name, domain, to, values.get(EVERY, name)));
        }
        return new ReportConfig(reports, values.get(CHECK_INTERVAL));
    }

    public List<DomainReportSpec> reports() {
        return reports;
    }

    /** The domains a report goes to: the ones the statistics count on their own. */
    public Set<String> domains() {
        return reports.stream().map(DomainReportSpec::domain).collect(Collectors.toSet());
    }

    public Duration checkInterval() {
        return checkInterval;
    }

    /** One report: its name, the domain it counts, who gets it, how often. */
    public static final class DomainReportSpec {
        private final String name;
        private final String domain;
        private final List<String> to;
        private final Every every;

        DomainReportSpec(String name, String domain, List<String> to, Every every) {
            this.name = name;
            this.domain = domain;
            this.to = List.copyOf(to);
            this.every = every;
        }

        public String name() {
            return name;
        }

        public String domain() {
            return domain;
        }

        public List<String> to() {
            return to;
        }

        public Every every() {
            return every;
        }
    }
}
