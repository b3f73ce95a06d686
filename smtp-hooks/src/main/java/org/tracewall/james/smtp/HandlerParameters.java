package org.tracewall.james.smtp;

import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;

/**
 * The one check of a {@code <handler>} element's children: a child the handler does not read stops
 * James's start naming it and the known ones. Without it a typo ({@code <untracable>}) silently
 * leaves the handler on its default, which for a security check is the worst failure: none seen.
 */
final class HandlerParameters {
    private HandlerParameters() {
    }

    /** Refuses every child element of the handler's configuration but {@code known} (attributes such as class are James's). */
    static void allowOnly(Configuration config, Class<?> handler, String... known) throws ConfigurationException {
        List<String> allowed = List.of(known);
        Set<String> unknown = new TreeSet<>();
        for (Iterator<String> keys = config.getKeys(); keys.hasNext();) {
            String key = keys.next();
            if (key.startsWith("[@")) {
                continue;
            }
            String element = key.split("[.\\[]", 2)[0];
            if (!allowed.contains(element)) {
                unknown.add(element);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigurationException(handler.getSimpleName() + ": unknown element(s) " + unknown.stream()
                .map(name -> "<" + name + ">").collect(Collectors.joining(", "))
                + (allowed.isEmpty() ? " (it takes none)" : " (known: " + String.join(", ", allowed) + ")"));
        }
    }
}
