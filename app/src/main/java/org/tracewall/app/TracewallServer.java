package org.tracewall.app;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.james.ExtraProperties;
import org.apache.james.GuiceJamesServer;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.rrt.lib.Mapping;
import org.apache.james.rrt.lib.Mappings;
import org.apache.james.utils.DataProbeImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.app.durable.DurableServer;
import org.tracewall.app.login.LoginThrottleModule;

/**
 * Starts Apache James 3.8.1 with Tracewall installed the stock way: by default a durable server
 * ({@link DurableServer}: users, domains, mailboxes in an embedded database, the mail queue on an
 * embedded broker, mail repositories in files), with {@code --memory} James's memory server, which
 * forgets everything when it stops.
 *
 * <p>State lives in the working directory (system property {@code working.directory},
 * default {@code ./var}): {@code conf/} (copied from the gateway sample on first start),
 * {@code extensions-jars/tracewall-extension.jar} (refreshed from the build at each start),
 * {@code var/} (the durable server's database, queue and repositories), {@code logs/}. Then the
 * domains, users and aliases of {@code conf/provision.properties} that do not exist yet are created.
 *
 * <p>Usage: {@code java -jar app/target/tracewall-app.jar [--memory] [sample]} where sample is a
 * folder of conf-samples (default {@code gateway}), used only when {@code conf/} does not exist yet.
 */
public final class TracewallServer {
    private TracewallServer() {
    }

    public static void main(String[] args) throws Exception {
        WorkingDirectory work = new WorkingDirectory(Path.of(System.getProperty("working.directory", "var")));
        System.setProperty("working.directory", work.root().toString());
        LaunchOptions options = LaunchOptions.parse(args);
        String sample = options.sample();
        List<String> installed = work.installSampleConfiguration(sample);
        // Logback reads this before the first logger exists, so set it before logging anything.
        System.setProperty("logback.configurationFile", work.conf().resolve("logback.xml").toString());
        Logger logger = LoggerFactory.getLogger(TracewallServer.class);
        if (!installed.isEmpty()) {
            logger.info("Installed the '{}' sample configuration into {} ({} files)", sample, work.conf(), installed.size());
        }
        if (work.ensureKeystore()) {
            logger.info("Generated a self-signed keystore with a random password in {}", work.conf().resolve("keystore"));
        }
        if (AdminTokens.ensureKeyPair(work.conf())) {
            logger.info("Generated the WebAdmin JWT key pair in {} ({} is readable by its owner only)", work.conf(),
                AdminTokens.PRIVATE_KEY_FILE);
        }
        logger.info("WebAdmin requires a token: TOKEN=$(./tracewall token); curl -H \"Authorization: Bearer $TOKEN\" localhost:8000/domains");
        // James's own main loads conf/jvm.properties (e.g. james.protocols.mdc.hostname=false, which keeps
        // a reverse DNS lookup off the network threads before each banner); this launcher must do the same.
        System.setProperty(ExtraProperties.OVERRIDE_PROPERTY, work.conf().resolve("jvm.properties").toString());
        ExtraProperties.initialize();
        Path extension = work.installExtension(appHome().resolve("ext").resolve("tracewall-extension.jar"));
        logger.info("Tracewall extension installed at {}", extension);

        MemoryJamesConfiguration configuration = MemoryJamesConfiguration.builder().workingDirectory(work.root().toFile()).build();
        GuiceJamesServer server = (options.memory() ? MemoryJamesServerMain.createServer(configuration)
            : DurableServer.create(configuration)).overrideWith(new LoginThrottleModule());
        logger.info(options.memory() ? "Memory server: mail, users and the quarantine are lost when it stops"
            : "Durable server: state kept under {}", work.root().resolve("var"));
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "tracewall-shutdown"));
        server.start();
        provision(server, Provisioning.read(work.conf().resolve("provision.properties")),
            new GeneratedPasswords(work.conf().resolve("generated-passwords.properties")), logger);
        logger.info("Tracewall on Apache James is up; working directory {}", work.root());
    }

    private static void provision(GuiceJamesServer server, Provisioning provisioning, GeneratedPasswords generated,
                                  Logger logger) throws Exception {
        DataProbeImpl data = server.getProbe(DataProbeImpl.class);
        for (String domain : provisioning.domains()) {
            if (!data.containsDomain(domain)) {
                data.addDomain(domain);
            }
        }
        List<String> existingUsers = List.of(data.listUsers());
        for (String[] user : provisioning.users()) {
            if (existingUsers.contains(user[0])) {
                continue;
            }
            String domain = user[0].substring(user[0].indexOf('@') + 1);
            if (!data.containsDomain(domain)) {
                data.addDomain(domain);
            }
            String password = user[1] != null ? user[1] : generated.existing(user[0]);
            if (password == null) {
                password = generated.generate(user[0]);
                // Printed once, on the console only: the log file is no place for a password.
                System.out.println("Generated password for " + user[0] + ": " + password
                    + "  (kept in conf/generated-passwords.properties; change it with WebAdmin)");
            }
            data.fluent().addUser(user[0], password);
            logger.info("Provisioned user {}", user[0]);
        }
        Map<String, Mappings> existingMappings = data.listMappings();
        for (String[] alias : provisioning.aliases()) {
            Mappings known = existingMappings.get(alias[0]);
            if (known != null && known.contains(Mapping.address(alias[1]))) {
                continue;
            }
            String local = alias[0].substring(0, alias[0].indexOf('@'));
            String domain = alias[0].substring(alias[0].indexOf('@') + 1);
            data.addAddressMapping(local, domain, alias[1]);
            logger.info("Provisioned alias {} -> {}", alias[0], alias[1]);
        }
    }

    /** The folder holding tracewall-app.jar (and lib/, ext/). */
    private static Path appHome() throws URISyntaxException {
        Path jar = Path.of(TracewallServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return jar.getParent();
    }
}
