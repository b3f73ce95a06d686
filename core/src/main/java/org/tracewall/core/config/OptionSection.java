package org.tracewall.core.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The options under one key prefix ({@code dns.}) — or {@link #elements all the child elements of
 * one {@code <handler>}} — and the one reader of them: a key under the prefix that no option
 * declares is refused naming it and the known ones, and every value present is parsed at once,
 * so a bad value anywhere in the section fails the start rather than the first message that
 * needs it.
 */
public final class OptionSection {
    private final String prefix;
    private final String title;
    private final List<Option<?>> options;
    private final boolean elements;

    private OptionSection(String prefix, String title, List<Option<?>> options, boolean elements) {
        this.elements = elements;
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.title = Objects.requireNonNull(title, "title");
        this.options = List.copyOf(options);
        for (Option<?> option : options) {
            if (!option.name().startsWith(prefix)) {
                throw new IllegalArgumentException(option + " is outside the section " + prefix);
            }
        }
    }

    /**
     * @param prefix  the keys the section owns ({@code "dns."}); empty: every key it is given
     * @param title   what the section configures, for the reference ("DNS resolver")
     */
    public static OptionSection of(String prefix, String title, Option<?>... options) {
        return new OptionSection(prefix, title, List.of(options), false);
    }

    /**
     * The child elements of an XML {@code <handler>} or mailet: errors show them as elements
     * ({@code <apply>}), all unknown ones at once.
     *
     * @param title the component, as errors and the reference name it ({@code GreylistHook})
     */
    public static OptionSection elements(String title, Option<?>... options) {
        return new OptionSection("", title, List.of(options), true);
    }

    /** Whether the options are XML elements rather than properties. */
    public boolean isElements() {
        return elements;
    }

    public String prefix() {
        return prefix;
    }

    public String title() {
        return title;
    }

    public List<Option<?>> options() {
        return options;
    }

    /** Whether the section owns {@code key} (it starts with the prefix), known or not. */
    public boolean owns(String key) {
        return key.startsWith(prefix);
    }

    /**
     * Reads the section's keys of {@code properties} (other keys are left to their sections).
     * Blank values count as unset.
     *
     * @throws IllegalArgumentException naming the unknown key, or the key whose value is bad
     */
    public OptionValues read(Map<String, String> properties) {
        Map<String, Object> values = new TreeMap<>();
        Map<String, String> written = new TreeMap<>();
        Map<String, Option<?>> optionOf = new TreeMap<>();
        refuseUnknown(properties);
        for (Map.Entry<String, String> entry : new TreeMap<>(properties).entrySet()) {
            String key = entry.getKey();
            String value = entry.getValue() == null ? "" : entry.getValue().trim();
            if (owns(key) && !value.isEmpty()) {
                Option<?> option = optionFor(key);
                values.put(key, option.parse(elements ? "<" + key + ">" : key, value));
                written.put(key, value);
                optionOf.put(key, option);
            }
        }
        return new OptionValues(this, values, written, optionOf);
    }

    private void refuseUnknown(Map<String, String> properties) {
        List<String> unknown = new TreeMap<>(properties).keySet().stream().filter(this::owns).filter(key -> optionFor(key) == null)
            .collect(Collectors.toList());
        if (unknown.isEmpty()) {
            return;
        }
        if (!elements) {
            throw new IllegalArgumentException("Unknown key '" + unknown.get(0) + "' (known: " + knownKeys() + ")");
        }
        throw new IllegalArgumentException("unknown element(s) " + unknown.stream().map(name -> "<" + name + ">")
            .collect(Collectors.joining(", ")) + (options.isEmpty() ? " (it takes none)" : " (known: " + knownKeys() + ")"));
    }

    /** The option that declares {@code key}, or null. */
    public Option<?> optionFor(String key) {
        for (Option<?> option : options) {
            if (option.matches(key)) {
                return option;
            }
        }
        return null;
    }

    /** The declared keys, as an error message lists them. */
    public String knownKeys() {
        return options.isEmpty() ? "none" : options.stream().map(Option::name).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return prefix.isEmpty() ? title : prefix + "*";
    }
}
