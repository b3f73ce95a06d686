package org.tracewall.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.tracewall.core.alert.AlertConfig;
import org.tracewall.core.auth.AuthThrottleConfig;
import org.tracewall.core.awl.AutoWhitelistConfig;
import org.tracewall.core.config.Option;
import org.tracewall.core.config.OptionReference;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.config.OptionValues;
import org.tracewall.core.config.WebAdminAccessConfig;
import org.tracewall.core.dns.DnsConfig;
import org.tracewall.core.dnsbl.DnsListConfig;
import org.tracewall.core.honeypot.HoneypotConfig;
import org.tracewall.core.quarantine.QuarantineConfig;
import org.tracewall.core.rate.RateConfig;
import org.tracewall.core.report.ReportConfig;
import org.tracewall.core.score.ScoreConfig;
import org.tracewall.core.stats.StatsConfig;
import org.tracewall.core.store.StoreConfig;
import org.tracewall.core.trace.TraceabilityConfig;
import org.tracewall.greylist.GreylistConfig;
import org.tracewall.reputation.bayes.BayesConfig;
import org.tracewall.reputation.fingerprint.FingerprintConfig;
import org.tracewall.reputation.sender.ReputationConfig;
import org.tracewall.reputation.text.AttachmentConfig;

/**
 * Every section of {@code tracewall.properties}, in the order the reference lists them. The
 * configuration reference ({@code docs/configuration.md}) and {@code tracewall config dump} are
 * made from these declarations; a key under no section's prefix is refused here.
 */
public final class TracewallOptions {
    public static final List<OptionSection> SECTIONS = List.of(DnsConfig.OPTIONS, TraceabilityConfig.OPTIONS, DnsListConfig.OPTIONS,
        GreylistConfig.OPTIONS, RateConfig.OPTIONS, AuthThrottleConfig.OPTIONS, ScoreConfig.OPTIONS, BayesConfig.OPTIONS,
        FingerprintConfig.OPTIONS, ReputationConfig.OPTIONS, HoneypotConfig.OPTIONS, StatsConfig.OPTIONS,
        AutoWhitelistConfig.OPTIONS,
        AttachmentConfig.OPTIONS, StoreConfig.OPTIONS, QuarantineConfig.OPTIONS,
        WebAdminAccessConfig.OPTIONS, AlertConfig.OPTIONS, ReportConfig.OPTIONS);

    private TracewallOptions() {
    }

    /**
     * Refuses a key that no section owns ({@code dsn.servers}); the sections refuse the unknown keys
     * under their prefix when they read.
     *
     * @throws IllegalArgumentException naming the key and the known prefixes
     */
    public static void checkSections(Map<String, String> properties) {
        for (String key : new TreeSet<>(properties.keySet())) {
            if (SECTIONS.stream().noneMatch(section -> section.owns(key))) {
                throw new IllegalArgumentException("Unknown key '" + key + "' in tracewall.properties (known prefixes: "
                    + SECTIONS.stream().map(OptionSection::prefix).collect(Collectors.joining(", ")) + ")");
            }
        }
    }

    /**
     * Every section read: the effective settings, each key set or defaulted, section by section.
     *
     * @throws IllegalArgumentException naming the first unknown key or bad value
     */
    public static Map<OptionSection, OptionValues> read(Map<String, String> properties) {
        checkSections(properties);
        Map<OptionSection, OptionValues> values = new LinkedHashMap<>();
        for (OptionSection section : SECTIONS) {
            values.put(section, section.read(properties));
        }
        return values;
    }

    /** The reference of every key as a Markdown table per section. */
    public static String reference() {
        StringBuilder md = new StringBuilder();
        for (OptionSection section : SECTIONS) {
            md.append(OptionReference.markdown(section, "`" + section.prefix() + "*`"));
        }
        return md.toString();
    }

    /**
     * The effective settings as {@code key = value} lines, a section per block; a default is marked
     * so, and with {@code onlySet} left out. A secret shows only that it is set.
     */
    public static String dump(Map<String, String> properties, boolean onlySet) {
        StringBuilder out = new StringBuilder();
        read(properties).forEach((section, values) -> {
            StringBuilder block = new StringBuilder();
            values.effective().forEach((key, setting) -> {
                if (setting.isDefault() && onlySet) {
                    return;
                }
                block.append(line(section, key, setting)).append('\n');
            });
            if (block.length() > 0) {
                out.append(out.length() == 0 ? "" : "\n").append("# ").append(section.title()).append('\n').append(block);
            }
        });
        return out.toString();
    }

    /**
     * "key = value", "key = 2s    # default", or "key =    # default: the system's (resolv.conf)"; a
     * secret by its length, a webhook by its host (chat tools' webhook URLs carry their secret in the path).
     */
    private static String line(OptionSection section, String key, OptionValues.Setting setting) {
        Option<?> option = section.optionFor(key);
        if (!setting.isDefault()) {
            if (option == QuarantineConfig.SECRET) {
                return key + " = (set, " + setting.value().length() + " characters)";
            }
            return key + " = " + (option == AlertConfig.WEBHOOK ? AlertConfig.describeWebhook(setting.value()) : setting.value());
        }
        return option.isDefaultWritable() ? key + " = " + setting.value() + "    # default" : key + " =    # default: " + setting.value();
    }
}
