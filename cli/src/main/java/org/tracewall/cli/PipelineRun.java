package org.tracewall.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.tracewall.core.dns.DnsResolver;
import org.tracewall.core.dns.ZoneFileResolver;
import org.tracewall.core.score.ScoreDecision;
import org.tracewall.core.score.Thresholds;
import org.tracewall.core.store.StoreConfig;
import org.tracewall.engine.ContentChecks;
import org.tracewall.engine.TracewallEngine;
import org.tracewall.reputation.bayes.BayesFilter;

/**
 * The engine {@code eval --pipeline} scores with: the configuration's content rules, weights, URL
 * lists and fingerprint settings, the Bayes filter the evaluation trains, URL lists answered from
 * zone files only, and fingerprints counted in memory (never in the store the file names: an
 * evaluation must not write into a running gateway's Redis).
 */
final class PipelineRun implements AutoCloseable {
    private final TracewallEngine engine;
    private final ContentChecks checks;

    private PipelineRun(TracewallEngine engine, BayesFilter bayes) {
        this.engine = engine;
        this.checks = ContentChecks.of(engine, bayes);
    }

    static PipelineRun start(Path config, List<Path> zones, BayesFilter bayes) throws IOException {
        Map<String, String> properties = ConfigFile.read(config);
        properties.put(StoreConfig.TYPE.name(), "memory");
        ZoneFileResolver answers = ZoneFileResolver.read(zones, DnsResolver.offline());
        return new PipelineRun(ConfigFile.engine(properties, config, dns -> answers), bayes);
    }

    /** The whole pipeline's decision for one message to one recipient. */
    ScoreDecision score(byte[] raw) {
        return checks.score(checks.symbols(checks.read(raw), 1));
    }

    void reportSpam(byte[] raw) {
        checks.reportSpam(checks.read(raw));
    }

    Thresholds thresholds() {
        return engine.scoring().thresholds();
    }

    @Override
    public void close() {
        engine.close();
    }
}
