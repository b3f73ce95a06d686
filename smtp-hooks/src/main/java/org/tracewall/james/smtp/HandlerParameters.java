package org.tracewall.james.smtp;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.config.OptionValues;

/**
 * Reads a {@code <handler>} element's children through the hook's declared parameters, the same
 * reader {@code tracewall.properties} goes through: a child the hook does not declare stops James's
 * start naming it and the known ones, and so does a bad value. Without it a typo
 * ({@code <untracable>}) silently leaves the handler on its default, which for a security check is
 * the worst failure: none seen.
 */
final class HandlerParameters {
    private HandlerParameters() {
    }

    /**
     * @param parameters the hook's {@link OptionSection#elements declared elements}
     * @throws ConfigurationException naming the hook and the unknown element or bad value
     */
    static OptionValues read(Configuration config, OptionSection parameters) throws ConfigurationException {
        Map<String, String> elements = new TreeMap<>();
        for (Iterator<String> keys = config.getKeys(); keys.hasNext();) {
            String key = keys.next();
            if (key.startsWith("[@")) {
                continue; // attributes such as class are James's
            }
            String element = key.split("[.\\[]", 2)[0];
            elements.put(element, String.join(",", config.getList(String.class, element, List.of())));
        }
        try {
            return parameters.read(elements);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(parameters.title() + ": " + e.getMessage(), e);
        }
    }
}
