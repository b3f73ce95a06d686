package org.tracewall.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.convert.DefaultListDelimiterHandler;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;

/**
 * {@code tracewall.properties} as James 3.8.1 reads it ({@code PropertiesProvider}: commons
 * configuration, ISO-8859-1 with {@code \\uXXXX} escapes, ',' splitting lists), flattened into
 * the one map every {@code *Config} reads. The James extension flattens the configuration James
 * gives it; the CLI reads the file here: both see the same keys and values.
 */
public final class TracewallProperties {
    /** The name James knows the file by: {@code conf/tracewall.properties}. */
    public static final String CONFIGURATION_NAME = "tracewall";
    private static final char LIST_DELIMITER = ',';

    private TracewallProperties() {
    }

    /** The file's keys, or none when {@code file} is null. */
    public static Map<String, String> read(Path file) throws IOException {
        if (file == null) {
            return Map.of();
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        // As James's PropertiesProvider reads it (',' lists, ISO-8859-1 with \\u escapes), without the
        // builder's bean machinery: commons-beanutils is not on a standalone CLI's class path.
        PropertiesConfiguration configuration = new PropertiesConfiguration();
        configuration.setListDelimiterHandler(new DefaultListDelimiterHandler(LIST_DELIMITER));
        FileHandler handler = new FileHandler(configuration);
        handler.setEncoding(PropertiesConfiguration.DEFAULT_ENCODING);
        try {
            handler.load(file.toFile());
            return flatten(configuration);
        } catch (ConfigurationException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Flattens a commons-configuration object. James reads properties files with ',' as a list
     * delimiter; the parts are joined again with ", " so that lists stay lists and texts keep
     * their ", " (a text's "a,b" becomes "a, b"); the parts of a {@code .pattern} (a regular
     * expression such as {@code x{0,8}}) are joined with "," alone.
     */
    public static Map<String, String> flatten(Configuration configuration) {
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
