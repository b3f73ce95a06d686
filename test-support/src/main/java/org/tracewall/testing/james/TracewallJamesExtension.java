package org.tracewall.testing.james;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.james.GuiceJamesServer;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.modules.protocols.ImapGuiceProbe;
import org.apache.james.modules.protocols.SmtpGuiceProbe;
import org.apache.james.utils.DataProbeImpl;
import org.apache.james.utils.GuiceProbe;
import org.apache.james.utils.MailRepositoryProbeImpl;
import org.apache.james.utils.WebAdminGuiceProbe;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;

/**
 * Starts a real Apache James memory server, in process, configured from a Tracewall sample
 * ({@code tracewall-conf/<sample>/} on the class path, i.e. the conf-samples module), with
 * the test's own overrides, and stops it after the test class.
 *
 * <p>The sample is made test-safe, nothing else: every listener binds 127.0.0.1 on a free
 * port, implicit-TLS servers are disabled, STARTTLS is off, AUTH does not require TLS
 * (there is no keystore) and WebAdmin needs no token. {@link Builder#shippedSecurity()}
 * keeps TLS, TLS-only AUTH and JWT as shipped, with a generated keystore and key. Tracewall resolves through the given loopback DNS server; James's
 * own {@link DNSService} is replaced by {@link HostsFileDnsService}, so nothing leaves the machine.
 *
 * <pre>
 * static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
 * &#64;RegisterExtension
 * static TracewallJamesExtension james = TracewallJamesExtension.builder()
 *     .sample("gateway").dns(DNS::hostAndPort)
 *     .user("bob@tracewall.local", "secret")
 *     .build();
 * </pre>
 */
public final class TracewallJamesExtension implements BeforeAllCallback, AfterAllCallback {
    private final Builder config;
    private Path workingDirectory;
    private GuiceJamesServer server;
    private ShippedSecurity shipped;

    private TracewallJamesExtension(Builder config) {
        this.config = config;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Prepares a fresh working directory and starts James; also usable outside JUnit. */
    public void start() throws Exception {
        workingDirectory = Files.createTempDirectory("tracewall-james");
        Path conf = workingDirectory.resolve("conf");
        copySample(config.sample, conf);
        for (Map.Entry<String, String> file : config.files.entrySet()) {
            Path target = conf.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
        }
        if (config.shippedSecurity) {
            shipped = ShippedSecurity.prepare(conf);
        }
        makeTestSafe(conf, config.bindHost, config.shippedSecurity);
        writeTracewallProperties(conf.resolve("tracewall.properties"));
        boot();
    }

    /**
     * Stops James and starts it again on the same working directory, as an operator's restart:
     * what James and Tracewall keep on disk survives, what they keep in memory does not. The
     * memory server forgets its users and domains, so they are provisioned again. Ports change.
     */
    public void restart() throws Exception {
        server.stop();
        boot();
    }

    private void boot() throws Exception {
        server = MemoryJamesServerMain.createServer(MemoryJamesConfiguration.builder()
                .workingDirectory(workingDirectory.toFile())
                .build())
            .overrideWith(binder -> binder.bind(DNSService.class).toInstance(new HostsFileDnsService()))
            .overrideWith(binder -> {
                Multibinder<GuiceProbe> probes = Multibinder.newSetBinder(binder, GuiceProbe.class);
                probes.addBinding().to(SmtpServersProbe.class);
                probes.addBinding().to(TimersProbe.class);
            })
            .overrideWith(config.overrides);
        server.start();
        provision();
    }

    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
        if (workingDirectory != null) {
            deleteRecursively(workingDirectory);
            workingDirectory = null;
        }
    }

    public GuiceJamesServer server() {
        return server;
    }

    public Path workingDirectory() {
        return workingDirectory;
    }

    public int smtpPort() {
        return server.getProbe(SmtpGuiceProbe.class).getSmtpPort().getValue();
    }

    /** The port of each SMTP server, in smtpserver.xml's order (disabled servers left out). */
    public List<Integer> smtpPorts() {
        return server.getProbe(SmtpServersProbe.class).ports();
    }

    /**
     * A WebAdmin token with these claims (JSON, e.g. {@code {"sub":"admin","admin":true}}), signed
     * with the server's key; only with {@link Builder#shippedSecurity()}.
     */
    public String webAdminToken(String claims) {
        if (shipped == null) {
            throw new IllegalStateException("WebAdmin tokens need builder().shippedSecurity(): the test-safe sample runs without JWT");
        }
        return shipped.token(claims);
    }

    /** The plain IMAP port (with shipped security, the one that offers STARTTLS, not IMAPS). */
    public int imapPort() {
        ImapGuiceProbe imap = server.getProbe(ImapGuiceProbe.class);
        return shipped != null ? imap.getImapStartTLSPort() : imap.getImapPort();
    }

    public int webAdminPort() {
        return server.getProbe(WebAdminGuiceProbe.class).getWebAdminPort().getValue();
    }

    public DataProbeImpl data() {
        return server.getProbe(DataProbeImpl.class);
    }

    /** Number of mails in a James mail repository, e.g. {@code file://var/mail/error/}. */
    public long repositoryCount(String url) throws Exception {
        return server.getProbe(MailRepositoryProbeImpl.class).getRepositoryMailCount(MailRepositoryUrl.from(url));
    }

    /** The mails in a James mail repository, e.g. {@code file://var/mail/quarantine/}. */
    public List<Mail> repositoryMails(String url) throws Exception {
        MailRepositoryProbeImpl probe = server.getProbe(MailRepositoryProbeImpl.class);
        MailRepositoryUrl repository = MailRepositoryUrl.from(url);
        List<Mail> mails = new ArrayList<>();
        for (MailKey key : probe.listMailKeys(repository)) {
            mails.add(probe.getMail(repository, key));
        }
        return mails;
    }

    private void provision() throws Exception {
        DataProbeImpl data = data();
        for (String domain : config.domains) {
            if (!data.containsDomain(domain)) {
                data.addDomain(domain);
            }
        }
        for (Map.Entry<String, String> user : config.users.entrySet()) {
            String domain = user.getKey().substring(user.getKey().indexOf('@') + 1);
            if (!data.containsDomain(domain)) {
                data.addDomain(domain);
            }
            data.addUser(user.getKey(), user.getValue());
        }
    }

    private void writeTracewallProperties(Path file) throws IOException {
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        }
        if (config.dns != null) {
            properties.setProperty("dns.servers", config.dns.get());
            properties.setProperty("dns.timeout", "500ms");
            properties.setProperty("dns.retries", "1");
            properties.setProperty("dns.deadline", "2s");
        }
        config.properties.forEach(properties::setProperty);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Map.Entry<Object, Object> e : new TreeMap<>(properties).entrySet()) {
                writer.write(e.getKey() + "=" + escape(e.getValue().toString()) + "\n");
            }
        }
    }

    /** James reads properties files as ISO-8859-1: anything else is written as a Java escape. */
    private static String escape(String value) {
        StringBuilder escaped = new StringBuilder();
        for (char c : value.replace("\\", "\\\\").toCharArray()) {
            escaped.append(c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return escaped.toString();
    }

    /**
     * Rewrites listeners for an in-process test: loopback, free ports, and unless {@code shipped},
     * no TLS and no WebAdmin JWT.
     */
    static String testSafe(String fileName, String content, String bindHost, boolean shipped) {
        String result = content.replaceAll("<bind>[^<]*</bind>", "<bind>" + bindHost + ":0</bind>");
        if (!shipped && fileName.endsWith("server.xml")) {
            result = result
                .replaceAll("(<\\w+server) enabled=\"true\">(\\s*<jmxName>[^<]*</jmxName>\\s*<bind>[^<]*</bind>"
                    + "\\s*(<connectionBacklog>[^<]*</connectionBacklog>\\s*)?<tls socketTLS=\"true\")", "$1 enabled=\"false\">$2")
                .replace("startTLS=\"true\"", "startTLS=\"false\"")
                .replace("<requireSSL>true</requireSSL>", "<requireSSL>false</requireSSL>")
                .replace("<requireTls>true</requireTls>", "<requireTls>false</requireTls>");
        }
        if ("mailetcontainer.xml".equals(fileName)) {
            // JMX names are JVM-wide: several servers in one test JVM must not register the same ones.
            result = result.replace("enableJmx=\"true\"", "enableJmx=\"false\"")
                .replace("<processors>", "<processors enableJmx=\"false\">");
        }
        result = result.replaceAll("<jmxName>([^<]*)</jmxName>", "<jmxName>$1-" + UUID.randomUUID() + "</jmxName>");
        if ("webadmin.properties".equals(fileName)) {
            result = result.replaceAll("(?m)^port=\\d+", "port=0");
            if (!shipped) {
                // James loads the key file whenever it is named, even with JWT off.
                result = result.replaceAll("(?m)^jwt\\.enabled=true", "jwt.enabled=false")
                    .replaceAll("(?m)^jwt\\.publickeypem\\.url=.*$", "");
            }
        }
        return result;
    }

    private static void makeTestSafe(Path conf, String bindHost, boolean shipped) throws IOException {
        try (Stream<Path> files = Files.list(conf)) {
            for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                String name = file.getFileName().toString();
                if (name.endsWith(".xml") || name.endsWith(".properties")) {
                    Files.writeString(file, testSafe(name, Files.readString(file, StandardCharsets.UTF_8), bindHost, shipped));
                }
            }
        }
    }

    private static void copySample(String sample, Path target) throws IOException, URISyntaxException {
        String root = "tracewall-conf/" + sample;
        URL marker = TracewallJamesExtension.class.getClassLoader().getResource(root + "/mailetcontainer.xml");
        if (marker == null) {
            throw new IllegalArgumentException("No sample '" + sample + "' on the class path (is tracewall-conf-samples a test dependency?)");
        }
        URI uri = marker.toURI();
        if ("jar".equals(uri.getScheme())) {
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                copyTree(jar.getPath(root), target);
            }
        } else {
            copyTree(Path.of(uri).getParent(), target);
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                Path destination = target.resolve(source.relativize(file).toString());
                Files.createDirectories(destination.getParent());
                try (InputStream in = Files.newInputStream(file)) {
                    Files.copy(in, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Collects what the server should look like. */
    public static final class Builder {
        private String sample = "gateway";
        private String bindHost = "127.0.0.1";
        private Supplier<String> dns;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final Map<String, String> files = new LinkedHashMap<>();
        private final List<String> domains = new ArrayList<>();
        private final Map<String, String> users = new LinkedHashMap<>();
        private final List<Module> overrides = new ArrayList<>();
        private boolean shippedSecurity;

        private Builder() {
        }

        /**
         * Keeps the sample's security settings as the launcher ships them: STARTTLS and implicit
         * TLS with a generated keystore, AUTH only after TLS, WebAdmin JWT with a generated key
         * ({@link TracewallJamesExtension#webAdminToken}). Without it the sample is made test-safe.
         */
        public Builder shippedSecurity() {
            this.shippedSecurity = true;
            return this;
        }

        /** A folder of conf-samples (default "gateway"). */
        public Builder sample(String sample) {
            this.sample = sample;
            return this;
        }

        /**
         * The host name every listener binds (default 127.0.0.1). James splits bind values on
         * ':', so IPv6 needs a name: "ip6-loopback" (::1 in the test hosts file).
         */
        public Builder bindHost(String host) {
            this.bindHost = host;
            return this;
        }

        /** Where Tracewall's resolver asks, as "127.0.0.1:port" (read when the server starts). */
        public Builder dns(Supplier<String> hostAndPort) {
            this.dns = hostAndPort;
            return this;
        }

        /** Sets a key of conf/tracewall.properties. */
        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /** Replaces (or adds) a whole file of conf/ (made test-safe like the sample's files). */
        public Builder confFile(String name, String content) {
            files.put(name, content);
            return this;
        }

        public Builder domain(String domain) {
            domains.add(domain);
            return this;
        }

        public Builder user(String address, String password) {
            users.put(address, password);
            return this;
        }

        /** Guice overrides applied over the memory server's modules. */
        public Builder override(Module module) {
            overrides.add(module);
            return this;
        }

        public TracewallJamesExtension build() {
            return new TracewallJamesExtension(this);
        }
    }
}
