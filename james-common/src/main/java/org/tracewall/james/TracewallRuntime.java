package org.tracewall.james;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Provider;
import javax.inject.Singleton;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.utils.PropertiesProvider;
import org.apache.mailet.MailetContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.auth.AuthThrottle;
import org.tracewall.core.awl.AutoWhitelist;
import org.tracewall.core.config.LiveSettings;
import org.tracewall.core.config.TracewallSettings;
import org.tracewall.core.config.WebAdminAccessConfig;
import org.tracewall.core.dkim.DkimVerifier;
import org.tracewall.core.dmarc.DmarcEvaluator;
import org.tracewall.core.dns.DnsResolver;
import org.tracewall.core.dns.PendingLookups;
import org.tracewall.core.dnsbl.ActiveDnsLists;
import org.tracewall.core.dnsbl.DnsListChecker;
import org.tracewall.core.dnsbl.UrlListCheck;
import org.tracewall.core.honeypot.Honeypot;
import org.tracewall.core.honeypot.HoneypotConfig;
import org.tracewall.core.operator.OperationLog;
import org.tracewall.core.operator.OperatorSessions;
import org.tracewall.core.quarantine.QuarantineConfig;
import org.tracewall.core.quarantine.ReleaseTokens;
import org.tracewall.core.rate.RateConfig;
import org.tracewall.core.rate.RateLimiter;
import org.tracewall.core.score.ScoreConfig;
import org.tracewall.core.stats.DecisionStats;
import org.tracewall.core.store.StateStore;
import org.tracewall.core.store.StoreUnavailableException;
import org.tracewall.core.trace.TraceabilityChecker;
import org.tracewall.engine.TracewallEngine;
import org.tracewall.engine.TracewallProperties;
import org.tracewall.greylist.Greylist;
import org.tracewall.reputation.bayes.BayesFilter;
import org.tracewall.reputation.fingerprint.FingerprintStore;
import org.tracewall.reputation.sender.OriginStamp;
import org.tracewall.reputation.sender.ReputationStore;
import org.tracewall.reputation.text.AttachmentReader;

/**
 * The Tracewall engine of one James server: {@code conf/tracewall.properties} as James reads it,
 * handed to the composition root {@link TracewallEngine} with James's {@code conf/} and
 * {@code var/} folders and the clock; every Tracewall mailet, matcher and hook injects this one
 * singleton and takes its typed parts from it. The CLI builds the same engine from the same file.
 *
 * <p>A just-in-time {@code @Singleton} that depends only on James's own bindings
 * ({@link PropertiesProvider}, {@link FileSystem}), rather than bindings in a Guice module
 * listed under {@code guice.extension.module}: Guice resolves it the same way whether the
 * classes come from {@code extensions-jars} or the class path, and an operator has nothing
 * to add to {@code extensions.properties}. A missing {@code tracewall.properties} means
 * defaults; a bad key fails James's startup with a message naming it.
 */
@Singleton
public class TracewallRuntime {
    public static final String CONFIGURATION_NAME = TracewallProperties.CONFIGURATION_NAME;
    private static final Logger LOGGER = LoggerFactory.getLogger(TracewallRuntime.class);

    private final TracewallEngine engine;
    /** Null unless alerts have somewhere to go or a report to a domain admin is configured. */
    private final OperatorNotices notices;

    /**
     * @param gauges        where the engine's counts ({@link TracewallEngine#counters()}) are served from, as James gauges
     * @param mailetContext for alert and report mail; providers, asked at the first alert check, since the
     *                      mailet container is still being built when the first component asks for this
     * @param queues        for the spool queue's size, which alerts watch
     */
    @Inject
    public TracewallRuntime(PropertiesProvider propertiesProvider, FileSystem fileSystem, TracewallClock clock, GaugeRegistry gauges,
                            Provider<MailetContext> mailetContext, Provider<MailQueueFactory<? extends ManageableMailQueue>> queues)
        throws ConfigurationException {
        Map<String, String> properties = readProperties(propertiesProvider);
        try {
            Path conf = fileSystem.getFile(FileSystem.FILE_PROTOCOL_AND_CONF).toPath();
            Path var = fileSystem.getFile(FileSystem.FILE_PROTOCOL_AND_VAR).toPath();
            this.engine = TracewallEngine.from(properties, conf, var, clock);
            engine.counters().forEach((name, value) -> gauges.register(name, value::getAsLong));
            LOGGER.info("Tracewall {} ready: {}", Tracewall.version(), engine.describe());
            this.notices = OperatorNotices.start(engine, mailetContext, queues);
        } catch (IllegalArgumentException | IOException | UncheckedIOException e) {
            throw new ConfigurationException("conf/tracewall.properties: " + e.getMessage(), e);
        }
    }

    /** The engine itself, for a component that needs more than one part. */
    public TracewallEngine engine() {
        return engine;
    }

    public TracewallSettings settings() {
        return engine.settings();
    }

    public DnsResolver dns() {
        return engine.dns();
    }

    /**
     * The bounds on SMTP sessions waiting on DNS-bound checks ({@code dns.pendingPerNetwork},
     * {@code dns.pendingPerZone}, {@code dns.pendingTotal}).
     */
    public PendingLookups pendingLookups() {
        return engine.pendingLookups();
    }

    /** Traceability with the operator's run-time registry and compensation entries first ({@link TracewallEngine#liveTraceability()}). */
    public TraceabilityChecker traceability() {
        return engine.liveTraceability();
    }

    public DkimVerifier dkim() {
        return engine.dkim();
    }

    public DmarcEvaluator dmarc() {
        return engine.dmarc();
    }

    /** Shared state (embedded file by default, Redis for several nodes). */
    public StateStore store() {
        return engine.store();
    }

    public AutoWhitelist autoWhitelist() {
        return engine.autoWhitelist();
    }

    public Honeypot honeypot() {
        return engine.honeypot();
    }

    public ReputationStore reputation() {
        return engine.reputation();
    }

    public FingerprintStore fingerprints() {
        return engine.fingerprints();
    }

    public Greylist greylist() {
        return engine.greylist();
    }

    public RateLimiter rateLimiter() {
        return engine.rateLimiter();
    }

    /** The DNSBL/DNSWL/DBL lists of {@code dnsbl.*}. */
    public DnsListChecker dnsLists() {
        return engine.dnsLists();
    }

    public UrlListCheck urlLists() {
        return engine.urlLists();
    }

    public double dnsListThreshold() {
        return engine.dnsListThreshold();
    }

    /**
     * The content rules and the policy in effect, the file's with the run-time overrides
     * ({@link TracewallEngine#liveScore()}), from one read: ask again for each message.
     */
    public ScoreConfig scoreConfig() {
        return engine.liveScore().current();
    }

    /** The hourly counts of the final decisions ({@link TracewallEngine#stats()}). */
    public DecisionStats stats() {
        return engine.stats();
    }

    /** {@code dnsbl.*} with its run-time changes ({@link TracewallEngine#liveDnsLists()}). */
    public LiveSettings<ActiveDnsLists> liveDnsLists() {
        return engine.liveDnsLists();
    }

    /** {@code rate.*} with its run-time changes ({@link TracewallEngine#liveRate()}). */
    public LiveSettings<RateConfig> liveRate() {
        return engine.liveRate();
    }

    /** {@code honeypot.*} with its run-time changes ({@link TracewallEngine#liveHoneypot()}). */
    public LiveSettings<HoneypotConfig> liveHoneypot() {
        return engine.liveHoneypot();
    }

    /** The score settings with their run-time overrides ({@link TracewallEngine#liveScore()}). */
    public LiveSettings<ScoreConfig> liveScore() {
        return engine.liveScore();
    }

    /** The Bayes filter over the model of {@code bayes.*} (a file, or the state store). */
    public BayesFilter bayes() {
        return engine.bayes();
    }

    /** Reads attached documents' text ({@code attachments.tika.url}), or only names them (the default). */
    public AttachmentReader attachments() {
        return engine.attachments();
    }

    /** The {@code quarantine.*} settings: repository, link lifetime, addresses. */
    public QuarantineConfig quarantine() {
        return engine.quarantine();
    }

    /** Failed-login counting per client and account ({@code auth.*}), in the state store. */
    public AuthThrottle authThrottle() {
        return engine.authThrottle();
    }

    /** The Host names and browser origins WebAdmin accepts ({@code webadmin.*}). */
    public WebAdminAccessConfig webAdminAccess() {
        return engine.webAdminAccess();
    }

    /** Every change made through WebAdmin or the dashboard ({@link TracewallEngine#operations()}). */
    public OperationLog operations() {
        return engine.operations();
    }

    /** The dashboard's sign-ins ({@link TracewallEngine#operatorSessions()}). */
    public OperatorSessions operatorSessions() {
        return engine.operatorSessions();
    }

    /** Now, by the clock every Tracewall check reads (tests move it). */
    public Instant now() {
        return engine.now();
    }

    /**
     * Signs and checks release links ({@link TracewallEngine#releaseTokens()}).
     *
     * @throws StoreUnavailableException when the secret must come from a store that is down
     */
    public ReleaseTokens releaseTokens() {
        return engine.releaseTokens();
    }

    /**
     * Signs reputation features into delivered mail ({@link TracewallEngine#originStamp()}).
     *
     * @throws StoreUnavailableException when the secret must come from a store that is down
     */
    public OriginStamp originStamp() {
        return engine.originStamp();
    }

    /** Writes a file model to its file after learning; a state-store model is already written. */
    public void saveBayesModel() throws IOException {
        engine.saveBayesModel();
    }

    /** Closes the state store when James stops (its file must be free for the next start). */
    @PreDestroy
    public void close() {
        if (notices != null) {
            notices.close();
        }
        engine.close();
    }

    static Map<String, String> readProperties(PropertiesProvider propertiesProvider) throws ConfigurationException {
        try {
            return asMap(propertiesProvider.getConfiguration(CONFIGURATION_NAME));
        } catch (FileNotFoundException | PropertiesProvider.MissingConfigurationFile e) {
            LOGGER.info("No conf/tracewall.properties: Tracewall runs with its defaults");
            return Map.of();
        }
    }

    /** James's configuration flattened as the CLI reads the file ({@link TracewallProperties#flatten}). */
    static Map<String, String> asMap(Configuration configuration) {
        return TracewallProperties.flatten(configuration);
    }
}
