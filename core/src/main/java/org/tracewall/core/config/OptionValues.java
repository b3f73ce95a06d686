package org.tracewall.core.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The values of one {@link OptionSection} as read: the parsed value of every key set, and each
 * declared option's default for the ones not set.
 */
public final class OptionValues {
    private final OptionSection section;
    private final Map<String, Object> values;
    private final Map<String, String> written;
    private final Map<String, Option<?>> optionOf;

    OptionValues(OptionSection section, Map<String, Object> values, Map<String, String> written, Map<String, Option<?>> optionOf) {
        this.section = section;
        this.values = Map.copyOf(values);
        this.written = Map.copyOf(written);
        this.optionOf = Map.copyOf(optionOf);
    }

    /** The value set for {@code option} (for a family, the member {@code names}), else its default. */
    public <T> T get(Option<T> option, String... names) {
        return find(option, names).orElse(option.defaultValue());
    }

    /** The value set for {@code option} (for a family, the member {@code names}), if any. */
    public <T> Optional<T> find(Option<T> option, String... names) {
        requireDeclared(option);
        @SuppressWarnings("unchecked") // read(Map) stored the value option.parse returned under its key
        T value = (T) values.get(option.key(names));
        return Optional.ofNullable(value);
    }

    /** The value set for {@code option}, or the error that names its missing key. */
    public <T> T require(Option<T> option, String... names) {
        return find(option, names).orElseThrow(() -> new IllegalArgumentException("Missing key '" + option.key(names) + "'"));
    }

    /**
     * The members of a family that are set: the values of its first placeholder, sorted
     * ({@code dnsbl.list.<name>.zone} set for zen and spamcop → {@code [spamcop, zen]}). Any option
     * of {@code families} counts, so a list named only by its weight is found too.
     */
    public Set<String> names(Option<?>... families) {
        return members(List.of(), families);
    }

    /** The values of the second placeholder of {@code families} whose first is {@code first}. */
    public Set<String> namesUnder(String first, Option<?>... families) {
        return members(List.of(first), families);
    }

    private Set<String> members(List<String> fixed, Option<?>... families) {
        List<Option<?>> wanted = Arrays.asList(families);
        Set<String> found = new TreeSet<>();
        optionOf.forEach((key, option) -> {
            if (wanted.contains(option)) {
                List<String> segments = option.namesIn(key);
                if (segments.size() > fixed.size() && segments.subList(0, fixed.size()).equals(fixed)) {
                    found.add(segments.get(fixed.size()));
                }
            }
        });
        return found;
    }

    /**
     * Every setting of the section as {@code tracewall config dump} shows it: each declared key with
     * the value written or, marked, its default; each family member set.
     */
    public Map<String, Setting> effective() {
        Map<String, Setting> result = new LinkedHashMap<>();
        for (Option<?> option : section.options()) {
            if (!option.isFamily()) {
                String value = written.get(option.name());
                result.put(option.name(), value == null ? new Setting(option.defaultText(), true) : new Setting(value, false));
            }
            optionOf.forEach((key, declared) -> {
                if (declared == option && option.isFamily()) {
                    result.put(key, new Setting(written.get(key), false));
                }
            });
        }
        return result;
    }

    private void requireDeclared(Option<?> option) {
        if (!section.options().contains(option)) {
            throw new IllegalArgumentException(option + " is not declared in " + section);
        }
    }

    /** One effective setting: the value as written, or the default's text. */
    public static final class Setting {
        private final String value;
        private final boolean isDefault;

        Setting(String value, boolean isDefault) {
            this.value = value;
            this.isDefault = isDefault;
        }

        public String value() {
            return value;
        }

        public boolean isDefault() {
            return isDefault;
        }
    }
}
