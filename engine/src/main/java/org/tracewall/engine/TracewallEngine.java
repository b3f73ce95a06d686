package org.tracewall.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.tracewall.core.access.AccessAction;
import org.tracewall.core.access.AccessDb;
import org.tracewall.core.alert.AlertConfig;
import org.tracewall.core.alert.AlertMonitor;
import org.tracewall.core.alert.AlertSink;
import org.tracewall.core.alert.WebhookSink;
import org.tracewall.core.auth.AuthThrottle;
import org.tracewall.core.auth.AuthThrottleConfig;
import org.tracewall.core.awl.AutoWhitelist;
import org.tracewall.core.awl.AutoWhitelistConfig;
import org.tracewall.core.config.LiveSettings;
import org.tracewall.core.config.TracewallSettings;
import org.tracewall.core.config.WebAdminAccessConfig;
import org.tracewall.core.content.ContentRules;
import org.tracewall.core.dkim.DkimVerifier;
import org.tracewall.core.dmarc.DmarcEvaluator;
import org.tracewall.core.dns.DnsJavaResolver;
import org.tracewall.core.dns.DnsResolver;
import org.tracewall.core.dns.PendingLookups;
import org.tracewall.core.dnsbl.ActiveDnsLists;
import org.tracewall.core.dnsbl.DnsList;
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
import org.tracewall.core.report.DomainReports;
import org.tracewall.core.report.ReportConfig;
import org.tracewall.core.score.ScoreConfig;
import org.tracewall.core.score.ScoringPolicy;
import org.tracewall.core.stats.DecisionStats;
import org.tracewall.core.stats.StatsConfig;
import org.tracewall.core.store.FailOpen;
import org.tracewall.core.store.StateStore;
import org.tracewall.core.store.StoreConfig;
import org.tracewall.core.store.StoreUnavailableException;
import org.tracewall.core.trace.SharedTraceEntries;
import org.tracewall.core.trace.TraceabilityChecker;
import org.tracewall.core.trace.TraceabilityConfig;
import org.tracewall.greylist.Greylist;
import org.tracewall.greylist.GreylistConfig;
import org.tracewall.reputation.bayes.BayesConfig;
import org.tracewall.reputation.bayes.BayesFilter;
import org.tracewall.reputation.bayes.BayesModel;
import org.tracewall.reputation.bayes.StoreTokenCounts;
import org.tracewall.reputation.bayes.TokenCounts;
import org.tracewall.reputation.fingerprint.FingerprintConfig;
import org.tracewall.reputation.fingerprint.FingerprintStore;
import org.tracewall.reputation.sender.OriginStamp;
import org.tracewall.reputation.sender.ReputationConfig;
import org.tracewall.reputation.sender.ReputationStore;
import org.tracewall.reputation.text.AttachmentConfig;
import org.tracewall.reputation.text.AttachmentReader;
import org.tracewall.reputation.text.TikaAttachmentReader;
import org.tracewall.reputation.text.Tokenizer;
import org.tracewall.store.StateStores;

/**
 * The composition root: every Tracewall part built from one {@code tracewall.properties} map,
 * the folders its relative names resolve against, and one clock. The James extension (through
 * its {@code TracewallRuntime} provider) and every CLI command build their parts here, so that a
 * setting means the same in both.
 *
 * <p>Every section is read and checked when the engine is made (a bad or unknown key fails at
 * once, named). What holds resources — the state store, the Bayes model, the greylist and limits
 * that live in the store — is opened on first use: {@code tracewall check} never opens the
 * store file a running James holds.
 */
public final class TracewallEngine implements AutoCloseable {
    private static final String RELEASE_SECRET_KEY = "tracewall:quarantine:secret";

    private final TracewallSettings settings;
    private final Path var;
    private final LongSupplier clock;
    private final DnsResolver dns;
    private final PendingLookups pendingLookups;
    /** The files' registry and compensation list alone: what the CLI, which opens no store, traces with. */
    private final TraceabilityChecker traceability;
    private final SharedTraceEntries sharedTraceEntries;
    /** Access db entries an operator added at run time ({@code access.<entry>=<action>} in the store), over the hooks' files. */
    private final LiveSettings<Map<String, AccessAction>> liveAccess;
    /** With the operator's run-time entries of the state store first: what the server traces with. */
    private final TraceabilityChecker liveTraceability;
    private final StoreConfig storeConfig;
    private final GreylistConfig greylistConfig;
    private final LiveSettings<RateConfig> liveRate;
    /** Counted across changes of the limits. */
    private final FailOpen rateFailOpen = new FailOpen("rate control");
    private final AuthThrottleConfig authThrottleConfig;
    /** dnsbl.* with its run-time changes; the error answers are counted across changes. */
    private final LiveSettings<ActiveDnsLists> dnsLists;
    private final Map<String, LongAdder> dnsListErrorAnswers = new ConcurrentHashMap<>();
    /** The resolver itself, under any view of it the caller wrapped around (its counts are the metrics'). */
    private final DnsJavaResolver resolver;
    private final LiveSettings<ScoreConfig> score;
    private final DecisionStats stats;
    private final AlertConfig alertConfig;
    private final ReportConfig reportConfig;
    private final OperationLog operations;
    private final OperatorSessions operatorSessions;
    private final BayesConfig bayesConfig;
    private final AttachmentReader attachments;
    private final QuarantineConfig quarantine;
    private final WebAdminAccessConfig webAdminAccess;
    private final FingerprintConfig fingerprintConfig;
    private FingerprintStore fingerprints;
    private final ReputationConfig reputationConfig;
    private ReputationStore reputation;
    private final LiveSettings<HoneypotConfig> liveHoneypot;
    private volatile Honeypot honeypot;
    private final AutoWhitelistConfig autoWhitelistConfig;
    private AutoWhitelist autoWhitelist;
    private final DkimVerifier dkim;
    private final DmarcEvaluator dmarc;
    private StateStore store;
    private Greylist greylist;
    private volatile RateLimiter rateLimiter;
    private AuthThrottle authThrottle;
    private BayesFilter bayes;
    private ReleaseTokens releaseTokens;
    private OriginStamp originStamp;
    private byte[] serverSecret;

    private TracewallEngine(Map<String, String> properties, Path conf, Path var, LongSupplier clock, UnaryOperator<DnsResolver> dnsView)
        throws IOException {
        TracewallOptions.checkSections(properties);
        this.settings = TracewallSettings.from(properties);
        this.var = var;
        this.clock = clock;
        Map<String, String> all = settings.asMap();
        this.resolver = DnsJavaResolver.create(settings.dns());
        this.dns = dnsView.apply(resolver);
        this.pendingLookups = PendingLookups.from(settings.dns(), dns);
        this.traceability = TraceabilityChecker.fromConfig(dns, TraceabilityConfig.fromProperties(all, conf));
        this.sharedTraceEntries = new SharedTraceEntries(this::store, clock);
        this.liveAccess = new LiveSettings<>("access.", Map.of(), raw -> AccessDb.entries("access.", raw), this::store, clock);
        this.liveTraceability = traceability.withShared(sharedTraceEntries);
        this.storeConfig = StoreConfig.fromProperties(all);
        this.greylistConfig = GreylistConfig.fromProperties(all);
        this.liveRate = new LiveSettings<>("rate.", all, RateConfig::fromProperties, this::store, clock);
        this.authThrottleConfig = AuthThrottleConfig.fromProperties(all);
        this.dnsLists = new LiveSettings<>("dnsbl.", all,
            section -> ActiveDnsLists.of(section, dns, traceability.publicSuffixList(), dnsListErrorAnswers), this::store, clock);
        this.score = new LiveSettings<>("score.", all, ScoreConfig::read, this::store, clock);
        this.reportConfig = ReportConfig.fromProperties(all);
        this.stats = new DecisionStats(this::store, clock, StatsConfig.fromProperties(all), reportConfig.domains());
        this.alertConfig = AlertConfig.fromProperties(all);
        this.bayesConfig = BayesConfig.fromProperties(all, var);
        this.attachments = AttachmentConfig.reader(all);
        this.quarantine = QuarantineConfig.fromProperties(all);
        this.webAdminAccess = WebAdminAccessConfig.fromProperties(all);
        this.operations = new OperationLog(this::store, clock);
        this.operatorSessions = new OperatorSessions(this::store, webAdminAccess.sessionLifetime());
        this.fingerprintConfig = FingerprintConfig.fromProperties(all);
        this.reputationConfig = ReputationConfig.fromProperties(all);
        this.liveHoneypot = new LiveSettings<>("honeypot.", all, HoneypotConfig::fromProperties, this::store, clock);
        this.autoWhitelistConfig = AutoWhitelistConfig.fromProperties(all);
        this.dkim = new DkimVerifier(dns, clock);
        this.dmarc = new DmarcEvaluator(dns, traceability.publicSuffixList());
    }

    /**
     * @param properties {@code tracewall.properties} as {@link TracewallProperties} reads it
     * @param conf       the folder of list files named by relative paths (James's {@code conf/})
     * @param var        the folder of the embedded store and the Bayes model file (James's {@code var/})
     * @param clock      epoch milliseconds, the system's unless a test moves time
     * @throws IllegalArgumentException naming the key, for a bad or unknown key
     * @throws IOException              when a list file it names cannot be read
     */
    public static TracewallEngine from(Map<String, String> properties, Path conf, Path var, LongSupplier clock) throws IOException {
        return new TracewallEngine(properties, conf, var, clock, UnaryOperator.identity());
    }

    /**
     * As {@link #from(Map, Path, Path, LongSupplier)}, every part asking DNS through
     * {@code dnsView} of the resolver (the CLI's {@code check} records each question this way).
     */
    public static TracewallEngine from(Map<String, String> properties, Path conf, Path var, LongSupplier clock,
                                       UnaryOperator<DnsResolver> dnsView) throws IOException {
        return new TracewallEngine(properties, conf, var, clock, dnsView);
    }

    public TracewallSettings settings() {
        return settings;
    }

    public DnsResolver dns() {
        return dns;
    }

    /** The bounds on sessions waiting on DNS-bound checks ({@code dns.pendingPerNetwork}, {@code dns.pendingPerZone}, {@code dns.pendingTotal}). */
    public PendingLookups pendingLookups() {
        return pendingLookups;
    }

    /** Traceability from the files alone (the CLI's: no store is opened). */
    public TraceabilityChecker traceability() {
        return traceability;
    }

    /** Traceability with the run-time registry and compensation entries of the state store before the files'. */
    public TraceabilityChecker liveTraceability() {
        return liveTraceability;
    }

    /** The access db entries added at run time (WebAdmin's access routes), shared by every node; each AccessDbHook puts them over its file. */
    public LiveSettings<Map<String, AccessAction>> liveAccess() {
        return liveAccess;
    }

    /** The run-time registry and compensation entries (WebAdmin's traceability routes), shared by every node. */
    public SharedTraceEntries sharedTraceEntries() {
        return sharedTraceEntries;
    }

    /** DKIM signatures verified with keys from {@link #dns()}. */
    public DkimVerifier dkim() {
        return dkim;
    }

    /** DMARC, with the public suffix list of traceability. */
    public DmarcEvaluator dmarc() {
        return dmarc;
    }

    /** The DNSBL/DNSWL/DBL lists of {@code dnsbl.*} in effect now (the file's with the run-time changes). */
    public DnsListChecker dnsLists() {
        return dnsLists.current().checker();
    }

    /** The URL block lists of {@code dnsbl.*} ({@code type=url}) in effect now, over the links of a message. */
    public UrlListCheck urlLists() {
        return dnsLists.current().urlLists();
    }

    public double dnsListThreshold() {
        return dnsLists.current().threshold();
    }

    /** {@code dnsbl.*} with its run-time changes (WebAdmin's DNS list routes), shared by every node through the store. */
    public LiveSettings<ActiveDnsLists> liveDnsLists() {
        return dnsLists;
    }

    /** {@code rate.*} with its run-time changes (WebAdmin's rate routes), shared by every node through the store. */
    public LiveSettings<RateConfig> liveRate() {
        return liveRate;
    }

    /** {@code honeypot.*} with its run-time changes (WebAdmin's honeypot routes), shared by every node through the store. */
    public LiveSettings<HoneypotConfig> liveHoneypot() {
        return liveHoneypot;
    }

    /**
     * The {@code score.*} policy of the file: weights, combinations, content rules, thresholds,
     * groups. Read without the state store (the CLI's commands touch none); James scores with
     * {@link #liveScore()}, the file's settings with the operator's run-time overrides.
     */
    public ScoringPolicy scoring() {
        return score.fileValue().policy();
    }

    /** The keyword and header rules ({@code score.rule.*}) of the file, a check that emits symbols for the scoring. */
    public ContentRules contentRules() {
        return score.fileValue().contentRules();
    }

    /** The hourly counts of the final decisions, in {@link #store()} ({@code stats.*}). */
    public DecisionStats stats() {
        return stats;
    }

    /** Every change made through WebAdmin or the dashboard, and every sign-in, in {@link #store()}. */
    public OperationLog operations() {
        return operations;
    }

    /** The dashboard's sign-ins, in {@link #store()} so that every node knows them. */
    public OperatorSessions operatorSessions() {
        return operatorSessions;
    }

    /** The score settings with their run-time overrides, kept in {@link #store()} (WebAdmin's score routes change them). */
    public LiveSettings<ScoreConfig> liveScore() {
        return score;
    }

    /** Reads attached documents' text ({@code attachments.tika.url}), or only names them (the default). */
    public AttachmentReader attachments() {
        return attachments;
    }

    /** The {@code quarantine.*} settings: repository, link lifetime, addresses. */
    public QuarantineConfig quarantine() {
        return quarantine;
    }

    /** The Host names and browser origins WebAdmin accepts ({@code webadmin.*}). */
    public WebAdminAccessConfig webAdminAccess() {
        return webAdminAccess;
    }

    /** The {@code bayes.*} settings: where the model lives. */
    public BayesConfig bayesConfig() {
        return bayesConfig;
    }

    /** Now, by the clock every check reads. */
    public Instant now() {
        return Instant.ofEpochMilli(clock.getAsLong());
    }

    /** Shared state (embedded file under {@code var/} by default, Redis for several nodes), opened on first use. */
    public synchronized StateStore store() {
        if (store == null) {
            try {
                store = StateStores.open(storeConfig, var, clock);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the state store: " + e.getMessage(), e);
            }
        }
        return store;
    }

    /** Bulk counts and known-spam prints, in {@link #store()}. */
    public synchronized FingerprintStore fingerprints() {
        if (fingerprints == null) {
            fingerprints = new FingerprintStore(store(), fingerprintConfig);
        }
        return fingerprints;
    }

    /** Learned reputation of addresses, networks, domains, HELO names, links and clusters, in {@link #store()}. */
    public synchronized ReputationStore reputation() {
        if (reputation == null) {
            reputation = new ReputationStore(store(), reputationConfig, clock);
        }
        return reputation;
    }

    /** The trap addresses of {@code honeypot.*} and what they learned, in {@link #store()}. */
    public Honeypot honeypot() {
        // No lock: each RCPT asks, and the settings' refresh may wait on the store. Rebuilt when they
        // change, not per use; two threads may both build one, alike.
        HoneypotConfig config = liveHoneypot.current();
        Honeypot built = honeypot;
        if (built == null || built.config() != config) {
            built = new Honeypot(config, store());
            honeypot = built;
        }
        return built;
    }

    /** The correspondents local users wrote to ({@code awl.*}), in {@link #store()}. */
    public synchronized AutoWhitelist autoWhitelist() {
        if (autoWhitelist == null) {
            autoWhitelist = new AutoWhitelist(autoWhitelistConfig, store());
        }
        return autoWhitelist;
    }

    public synchronized Greylist greylist() {
        if (greylist == null) {
            greylist = new Greylist(store(), greylistConfig, clock);
        }
        return greylist;
    }

    public RateLimiter rateLimiter() {
        // No lock, as honeypot(): rebuilt when the limits change, not per use.
        RateConfig config = liveRate.current();
        RateLimiter built = rateLimiter;
        if (built == null || built.config() != config) {
            built = new RateLimiter(store(), config, clock, rateFailOpen);
            rateLimiter = built;
        }
        return built;
    }

    /** Failed-login counting per client and account ({@code auth.*}), in the state store. */
    public synchronized AuthThrottle authThrottle() {
        if (authThrottle == null) {
            authThrottle = new AuthThrottle(store(), authThrottleConfig);
        }
        return authThrottle;
    }

    /**
     * The Bayes filter over the model of {@code bayes.*}: the file {@code bayes.model} (empty until
     * something is learned), or the state store, shared by all nodes when it is Redis.
     */
    public synchronized BayesFilter bayes() {
        if (bayes == null) {
            bayes = new BayesFilter(bayesCounts(), Tokenizer.standard(), attachments);
        }
        return bayes;
    }

    /** Writes a file model to its file after learning; a state-store model is already written. */
    public void saveBayesModel() throws IOException {
        if (bayes().model() instanceof BayesModel) {
            ((BayesModel) bayes().model()).save(bayesConfig.modelFile());
        }
    }

    /**
     * Signs and checks release links with {@code quarantine.secret}, or with a secret generated on
     * first use and kept in the state store, so that every node (Redis) and every restart
     * (embedded file) agrees on it.
     *
     * @throws StoreUnavailableException when the secret must come from a store that is down
     */
    public synchronized ReleaseTokens releaseTokens() {
        if (releaseTokens == null) {
            releaseTokens = new ReleaseTokens(serverSecret());
        }
        return releaseTokens;
    }

    /**
     * Signs the reputation features into delivered mail and checks them in users' reports, with a
     * key derived from the same secret as {@link #releaseTokens()}: every node accepts what any
     * node stamped.
     *
     * @throws StoreUnavailableException when the secret must come from a store that is down
     */
    public synchronized OriginStamp originStamp() {
        if (originStamp == null) {
            originStamp = new OriginStamp(serverSecret());
        }
        return originStamp;
    }

    private byte[] serverSecret() {
        if (serverSecret == null) {
            serverSecret = quarantine.secret().orElseGet(this::storedSecret);
        }
        return serverSecret;
    }

    /**
     * What the engine counted since it started, for the operator's metrics (James serves them as
     * gauges): DNS questions, cache hits and temporary failures; each DNS list's error answers
     * (the list refusing this resolver, or a bad query: 127.255.255.x and the like, which never
     * list anyone); the times a check failed open because the state store did not answer; Tika's
     * requests and failures when attachments are read. Each value is read when asked.
     */
    public Map<String, LongSupplier> counters() {
        Map<String, LongSupplier> counters = new LinkedHashMap<>();
        counters.put("tracewall.dns.lookups", resolver::lookups);
        counters.put("tracewall.dns.cacheHits", resolver::cacheHits);
        counters.put("tracewall.dns.temporaryFailures", resolver::temporaryFailures);
        // The file's lists (asking the store here would open it at start); a list added at run time is counted, without a gauge.
        for (DnsList list : dnsLists.fileValue().checker().lists()) {
            counters.put("tracewall.dnsbl.errorAnswers." + list.zone(), () -> dnsLists().errorAnswerCounts().getOrDefault(list.zone(), 0L));
        }
        counters.put("tracewall.greylist.failOpen", () -> greylist().failOpenCount());
        counters.put("tracewall.rate.failOpen", rateFailOpen::count);
        counters.put("tracewall.authThrottle.failOpen", () -> authThrottle().failOpenCount());
        counters.put("tracewall.stats.failOpen", stats::failOpenCount);
        if (attachments instanceof TikaAttachmentReader) {
            TikaAttachmentReader tika = (TikaAttachmentReader) attachments;
            counters.put("tracewall.tika.requests", tika::requests);
            counters.put("tracewall.tika.failures", tika::failures);
        }
        return counters;
    }

    public AlertConfig alertConfig() {
        return alertConfig;
    }

    /**
     * The alerts of {@code alert.*}, sent to its webhook (if any) and to {@code sinks} (James adds
     * mail), over this node's decisions, fail-open counts and {@code queueSize}, and the DNS lists'
     * word on {@code alert.ownAddresses}. The caller checks it once per {@code alert.interval}.
     */
    public AlertMonitor alerts(List<AlertSink> sinks, Supplier<OptionalLong> queueSize, String node) {
        List<AlertSink> all = new ArrayList<>();
        alertConfig.webhook().ifPresent(uri -> all.add(new WebhookSink(uri)));
        all.addAll(sinks);
        AlertMonitor.Sources sources = new AlertMonitor.Sources(stats::actionsOnThisNode, this::failOpenTotal, queueSize,
            own -> dnsLists().check(own, List.of()).hits().stream().filter(hit -> hit.list().weight() > 0) // an allow list vouches
                .map(hit -> hit.list().name()).distinct().collect(Collectors.toList()));
        return new AlertMonitor(alertConfig, sources, this::store, all, node, clock);
    }

    /** The reports of {@code report.*} to domain admins, from the hourly statistics; the caller checks them each {@code report.checkInterval}. */
    public DomainReports reports() {
        return new DomainReports(reportConfig, stats, this::store, clock);
    }

    /** Every check that failed open since start: the store's users and Tika. */
    private long failOpenTotal() {
        return counters().entrySet().stream().filter(e -> e.getKey().endsWith(".failOpen") || e.getKey().equals("tracewall.tika.failures"))
            .mapToLong(e -> e.getValue().getAsLong()).sum();
    }

    /** One line for the start-up log: the DNS settings, the store and the Bayes model. */
    public String describe() {
        return settings.dns() + "; state store: " + store().describe() + "; Bayes: " + bayes().model().describe();
    }

    /** Closes the state store, if it was opened (its file must be free for the next start). */
    @Override
    public synchronized void close() {
        if (store != null) {
            store.close();
        }
    }

    private byte[] storedSecret() {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        store().putIfAbsent(RELEASE_SECRET_KEY, Base64.getEncoder().encodeToString(fresh), Duration.ofDays(365L * 100));
        String kept = store().get(RELEASE_SECRET_KEY)
            .orElseThrow(() -> new StoreUnavailableException("the release-token secret was not kept by " + store().describe(), null));
        return Base64.getDecoder().decode(kept);
    }

    private TokenCounts bayesCounts() {
        if (bayesConfig.storage() == BayesConfig.Storage.STATE) {
            return new StoreTokenCounts(store());
        }
        try {
            return BayesModel.loadOrEmpty(bayesConfig.modelFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Bayes model " + bayesConfig.modelFile() + ": " + e.getMessage(), e);
        }
    }
}
