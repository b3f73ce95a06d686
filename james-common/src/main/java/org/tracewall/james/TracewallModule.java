package org.tracewall.james;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.inject.Singleton;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.utils.PropertiesProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.config.TracewallSettings;
import org.tracewall.core.dns.DnsJavaResolver;
import org.tracewall.core.dns.DnsResolver;
import org.tracewall.core.trace.TraceabilityChecker;
import org.tracewall.core.trace.TraceabilityConfig;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;

/**
 * The Tracewall Guice module: reads {@code conf/tracewall.properties} once and provides the
 * shared engine objects to every Tracewall mailet, matcher, hook and route. Register it in
 * {@code conf/extensions.properties}:
 *
 * <pre>
 * guice.extension.module=org.tracewall.james.TracewallModule
 * </pre>
 *
 * A missing {@code tracewall.properties} means "all defaults" (system resolvers); a bad key
 * stops James at startup with a message that names it.
 */
public class TracewallModule extends AbstractModule {
    public static final String CONFIGURATION_NAME = "tracewall";
    private static final Logger LOGGER = LoggerFactory.getLogger(TracewallModule.class);

    @Provides
    @Singleton
    TracewallSettings settings(PropertiesProvider propertiesProvider) throws ConfigurationException {
        Map<String, String> properties = readProperties(propertiesProvider);
        try {
            TracewallSettings settings = TracewallSettings.from(properties);
            LOGGER.info("Tracewall settings loaded: {}", settings.dns());
            return settings;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("conf/tracewall.properties: " + e.getMessage(), e);
        }
    }

    @Provides
    @Singleton
    DnsResolver dnsResolver(TracewallSettings settings) {
        return DnsJavaResolver.create(settings.dns());
    }

    @Provides
    @Singleton
    TraceabilityChecker traceabilityChecker(DnsResolver dns, TracewallSettings settings, FileSystem fileSystem)
        throws ConfigurationException {
        try {
            Path conf = fileSystem.getFile(FileSystem.FILE_PROTOCOL_AND_CONF).toPath();
            return TraceabilityChecker.fromConfig(dns, TraceabilityConfig.fromProperties(settings.asMap(), conf));
        } catch (IllegalArgumentException | IOException e) {
            throw new ConfigurationException("conf/tracewall.properties: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> readProperties(PropertiesProvider propertiesProvider) throws ConfigurationException {
        try {
            return asMap(propertiesProvider.getConfiguration(CONFIGURATION_NAME));
        } catch (FileNotFoundException | PropertiesProvider.MissingConfigurationFile e) {
            LOGGER.info("No conf/tracewall.properties: Tracewall runs with its defaults");
            return Map.of();
        }
    }

    /** Flattens a commons-configuration object; list values are joined with commas. */
    public static Map<String, String> asMap(Configuration configuration) {
        Map<String, String> map = new LinkedHashMap<>();
        Iterator<String> keys = configuration.getKeys();
        while (keys.hasNext()) {
            String key = keys.next();
            map.put(key, String.join(",", configuration.getList(String.class, key)));
        }
        return map;
    }
}
