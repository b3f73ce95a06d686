package org.tracewall.james;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.utils.PropertiesProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.auth.AuthThrottle;
import org.tracewall.core.auth.AuthThrottleConfig;
import org.tracewall.core.config.TracewallSettings;
import org.tracewall.core.config.WebAdminAccessConfig;
import org.tracewall.core.dns.DnsJavaResolver;
import org.tracewall.core.dns.DnsResolver;
import org.tracewall.core.dns.PendingLookups;
import org.tracewall.core.dnsbl.DnsListChecker;
import org.tracewall.core.dnsbl.DnsListConfig;
import org.tracewall.core.greylist.Greylist;
import org.tracewall.core.greylist.GreylistConfig;
import org.tracewall.core.rate.RateConfig;
import org.tracewall.core.rate.RateLimiter;
import org.tracewall.core.score.ScoreConfig;
import org.tracewall.core.score.ScoringPolicy;
import org.tracewall.reputation.bayes.BayesConfig;
import org.tracewall.reputation.bayes.BayesFilter;
import org.tracewall.reputation.bayes.BayesModel;
import org.tracewall.reputation.bayes.StoreTokenCounts;
import org.tracewall.reputation.bayes.TokenCounts;
import org.tracewall.reputation.text.AttachmentConfig;
import org.tracewall.reputation.text.AttachmentReader;
import org.tracewall.reputation.text.Tokenizer;
import org.tracewall.core.quarantine.QuarantineConfig;
import org.tracewall.core.quarantine.ReleaseTokens;
import org.tracewall.core.store.StateStore;
import org.tracewall.core.store.StoreUnavailableException;
import org.tracewall.core.store.StoreConfig;
import org.tracewall.core.trace.TraceabilityChecker;
import org.tracewall.core.trace.TraceabilityConfig;
import org.tracewall.store.StateStores;

/**
 * The shared Tracewall engine objects of one James server: settings read once from
 * {@code conf/tracewall.properties}, the DNS resolver and cache, the traceability checker,
 * the state store (embedded file under {@code var/} by default, or Redis) and greylisting.
 * Every Tracewall mailet, matcher and hook injects this one singleton.
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
    public static final String CONFIGURATION_NAME = "tracewall";
    private static final Logger LOGGER = LoggerFactory.getLogger(TracewallRuntime.class);
    private static final String RELEASE_SECRET_KEY = "tracewall:quarantine:secret";

    private final TracewallSettings settings;
    private final DnsResolver dns;
    private final TraceabilityChecker traceability;
    private final StateStore store;
    private final Greylist greylist;
    private final RateLimiter rateLimiter;
    private final DnsListChecker dnsLists;
    private final double dnsListThreshold;
    private final ScoringPolicy scoring;
    private final BayesFilter bayes;
    private final BayesConfig bayesConfig;
    private final AttachmentReader attachments;
    private final QuarantineConfig quarantine;
    private final TracewallClock clock;
    private final AuthThrottle authThrottle;
    private final PendingLookups pendingLookups;
    private final WebAdminAccessConfig webAdminAccess;
    private ReleaseTokens releaseTokens;

    @Inject
    public TracewallRuntime(PropertiesProvider propertiesProvider, FileSystem fileSystem, TracewallClock clock)
        throws ConfigurationException {
        Map<String, String> properties = readProperties(propertiesProvider);
        try {
            this.settings = TracewallSettings.from(properties);
            this.dns = DnsJavaResolver.create(settings.dns());
            this.pendingLookups = PendingLookups.from(settings.dns(), dns);
            Path conf = fileSystem.getFile(FileSystem.FILE_PROTOCOL_AND_CONF).toPath();
            this.traceability = TraceabilityChecker.fromConfig(dns, TraceabilityConfig.fromProperties(settings.asMap(), conf));
            Path var = fileSystem.getFile(FileSystem.FILE_PROTOCOL_AND_VAR).toPath();
            this.store = StateStores.open(StoreConfig.fromProperties(settings.asMap()), var, clock);
            this.greylist = new Greylist(store, GreylistConfig.fromProperties(settings.asMap()), clock);
            this.rateLimiter = new RateLimiter(store, RateConfig.fromProperties(settings.asMap()), clock);
            DnsListConfig lists = DnsListConfig.fromProperties(settings.asMap());
            this.dnsLists = new DnsListChecker(dns, lists.lists());
            this.dnsListThreshold = lists.threshold();
            this.scoring = ScoreConfig.fromProperties(settings.asMap());
            this.bayesConfig = BayesConfig.fromProperties(settings.asMap(), var);
            this.attachments = AttachmentConfig.reader(settings.asMap());
            this.quarantine = QuarantineConfig.fromProperties(settings.asMap());
            this.clock = clock;
            this.authThrottle = new AuthThrottle(store, AuthThrottleConfig.fromProperties(settings.asMap()));
            this.webAdminAccess = WebAdminAccessConfig.fromProperties(settings.asMap());
            this.bayes = new BayesFilter(bayesCounts(bayesConfig, store), Tokenizer.standard(), attachments);
        } catch (IllegalArgumentException | IOException e) {
            throw new ConfigurationException("conf/tracewall.properties: " + e.getMessage(), e);
        }
        LOGGER.info("Tracewall {} ready: {}; state store: {}; Bayes: {}", Tracewall.version(), settings.dns(),
            store.describe(), bayes.model().describe());
    }

    public TracewallSettings settings() {
        return settings;
    }

    public DnsResolver dns() {
        return dns;
    }

    /** The bounds on SMTP sessions waiting on DNS-bound checks ({@code dns.pendingPerNetwork}, {@code dns.pendingPerZone}, {@code dns.pendingTotal}). */
    public PendingLookups pendingLookups() {
        return pendingLookups;
    }

    public TraceabilityChecker traceability() {
        return traceability;
    }

    /** Shared state (embedded file by default, Redis for several nodes). */
    public StateStore store() {
        return store;
    }

    public Greylist greylist() {
        return greylist;
    }

    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** The DNSBL/DNSWL/DBL lists of {@code dnsbl.*}. */
    public DnsListChecker dnsLists() {
        return dnsLists;
    }

    public double dnsListThreshold() {
        return dnsListThreshold;
    }

    /** The {@code score.*} policy: weights, combinations, content rules, thresholds, groups. */
    public ScoringPolicy scoring() {
        return scoring;
    }

    /**
     * The Bayes filter over the model of {@code bayes.*}: the file {@code bayes.model} (empty until
     * something is learned), or the state store, shared by all nodes when it is Redis.
     */
    public BayesFilter bayes() {
        return bayes;
    }

    /** Reads attached documents' text ({@code attachments.tika.url}), or only names them (the default). */
    public AttachmentReader attachments() {
        return attachments;
    }

    /** The {@code quarantine.*} settings: repository, link lifetime, addresses. */
    public QuarantineConfig quarantine() {
        return quarantine;
    }

    /** Failed-login counting per client and account ({@code auth.*}), in the state store. */
    public AuthThrottle authThrottle() {
        return authThrottle;
    }

    /** The Host names and browser origins WebAdmin accepts ({@code webadmin.*}). */
    public WebAdminAccessConfig webAdminAccess() {
        return webAdminAccess;
    }

    /** Now, by the clock every Tracewall check reads (tests move it). */
    public Instant now() {
        return Instant.ofEpochMilli(clock.getAsLong());
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
            releaseTokens = new ReleaseTokens(quarantine.secret().orElseGet(() -> storedSecret(store)));
        }
        return releaseTokens;
    }

    private static byte[] storedSecret(StateStore store) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        store.putIfAbsent(RELEASE_SECRET_KEY, Base64.getEncoder().encodeToString(fresh), Duration.ofDays(365L * 100));
        String kept = store.get(RELEASE_SECRET_KEY)
            .orElseThrow(() -> new StoreUnavailableException("the release-token secret was not kept by " + store.describe(), null));
        return Base64.getDecoder().decode(kept);
    }

    /** Writes a file model to its file after learning; a state-store model is already written. */
    public void saveBayesModel() throws IOException {
        if (bayes.model() instanceof BayesModel) {
            ((BayesModel) bayes.model()).save(bayesConfig.modelFile());
        }
    }

    private static TokenCounts bayesCounts(BayesConfig config, StateStore store) throws IOException {
        return config.storage() == BayesConfig.Storage.STATE
            ? new StoreTokenCounts(store)
            : BayesModel.loadOrEmpty(config.modelFile());
    }

    /** Closes the state store when James stops (its file must be free for the next start). */
    @PreDestroy
    public void close() {
        store.close();
    }

    private static Map<String, String> readProperties(PropertiesProvider propertiesProvider) throws ConfigurationException {
        try {
            return asMap(propertiesProvider.getConfiguration(CONFIGURATION_NAME));
        } catch (FileNotFoundException | PropertiesProvider.MissingConfigurationFile e) {
            LOGGER.info("No conf/tracewall.properties: Tracewall runs with its defaults");
            return Map.of();
        }
    }

    /**
     * Flattens a commons-configuration object. James reads properties files with ',' as a list
     * delimiter; the parts are joined again with ", " so that lists stay lists and texts keep
     * their ", " (a text's "a,b" becomes "a, b"); the parts of a {@code .pattern} (a regular
     * expression such as {@code x{0,8}}) are joined with "," alone.
     */
    static Map<String, String> asMap(Configuration configuration) {
        Map<String, String> map = new LinkedHashMap<>();
        Iterator<String> keys = configuration.getKeys();
        while (keys.hasNext()) {
            String key = keys.next();
            // A regular expression's commas are quantifiers ({0,8}) or alternatives, not list separators.
            String separator = key.endsWith(".pattern") ? "," : ", ";
            map.put(key, String.join(separator, configuration.getList(String.class, key)));
        }
        return map;
    }
}
