package org.tracewall.core.config;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.tracewall.core.net.IpNetwork;

/**
 * One setting, declared once: its key, the form its value takes, its default and one line that
 * says what it does. {@link OptionSection} reads a section of these from {@code tracewall.properties}
 * (or a {@code <handler>}'s elements), and the configuration reference and {@code tracewall config
 * dump} are generated from the same declarations, so the documentation cannot drift from the code.
 *
 * <p>A key may name a family with {@code <placeholders>}, such as {@code dnsbl.list.<name>.zone}:
 * each placeholder matches one dot-free segment, and {@link OptionValues#names} lists the ones set.
 *
 * @param <T> the parsed value
 */
public final class Option<T> {
    private static final Pattern PLACEHOLDER = Pattern.compile("<([^>]+)>");

    /** Parses one trimmed, non-blank value; the error names the key it came from. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String key, String value);
    }

    private final String name;
    private final String form;
    private final Parser<T> parser;
    private final T defaultValue;
    private final String defaultText;
    private final String doc;
    private final Pattern keyPattern;
    private final boolean defaultWritable;

    private Option(String name, String form, Parser<T> parser, T defaultValue, String defaultText, String doc) {
        this(name, form, parser, defaultValue, defaultText, doc, defaultValue != null && !"none".equals(defaultText));
    }

    private Option(String name, String form, Parser<T> parser, T defaultValue, String defaultText, String doc, boolean defaultWritable) {
        this.name = Objects.requireNonNull(name, "name");
        this.form = Objects.requireNonNull(form, "form");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.defaultValue = defaultValue;
        this.defaultText = Objects.requireNonNull(defaultText, "defaultText");
        this.doc = Objects.requireNonNull(doc, "doc");
        this.keyPattern = keyPattern(name);
        this.defaultWritable = defaultWritable;
    }

    /** The general form: {@code form} says in words what the value looks like ("a number"). */
    public static <T> Option<T> of(String name, String form, Parser<T> parser, T defaultValue, String doc) {
        boolean none = defaultValue == null || defaultValue instanceof Collection && ((Collection<?>) defaultValue).isEmpty();
        return new Option<>(name, form, parser, defaultValue, none ? "none" : String.valueOf(defaultValue), doc);
    }

    public static Option<Duration> duration(String name, Duration defaultValue, String doc) {
        return new Option<>(name, "duration", ConfigValues::duration, defaultValue,
            defaultValue == null ? "none" : ConfigValues.format(defaultValue), doc);
    }

    /** A duration that must be longer than zero. */
    public static Option<Duration> positiveDuration(String name, Duration defaultValue, String doc) {
        return new Option<>(name, "positive duration", (key, value) -> {
            Duration parsed = ConfigValues.duration(key, value);
            if (parsed.isZero()) {
                throw ConfigValues.bad(key, value, "a positive duration");
            }
            return parsed;
        }, defaultValue, ConfigValues.format(defaultValue), doc);
    }

    public static Option<Integer> integer(String name, int defaultValue, int min, int max, String doc) {
        return new Option<>(name, "integer " + min + "–" + max, (key, value) -> ConfigValues.intInRange(key, value, min, max),
            defaultValue, Integer.toString(defaultValue), doc);
    }

    public static Option<Double> number(String name, Double defaultValue, String doc) {
        return new Option<>(name, "number", ConfigValues::number, defaultValue,
            defaultValue == null ? "none" : ConfigValues.format(defaultValue), doc);
    }

    public static Option<Boolean> bool(String name, boolean defaultValue, String doc) {
        return new Option<>(name, "true/false", ConfigValues::bool, defaultValue, Boolean.toString(defaultValue), doc);
    }

    /** Free text, kept as written (trimmed); {@code defaultValue} null: unset. */
    public static Option<String> text(String name, String defaultValue, String doc) {
        return new Option<>(name, "text", (key, value) -> value, defaultValue, defaultValue == null ? "none" : defaultValue, doc);
    }

    /** A comma- or space-separated list, lower-cased. */
    public static Option<List<String>> list(String name, String defaultValue, String doc) {
        return new Option<>(name, "list", (key, value) -> List.copyOf(ConfigValues.list(value)),
            defaultValue == null ? List.of() : List.copyOf(ConfigValues.list(defaultValue)), defaultValue == null ? "none" : defaultValue,
            doc);
    }

    /** IP addresses and networks ({@code 192.0.2.0/24, 2001:db8::/32}), comma- or space-separated. */
    public static Option<List<IpNetwork>> networks(String name, String doc) {
        return new Option<>(name, "IP addresses/networks", (key, value) -> List.copyOf(ConfigValues.networks(key, value)),
            List.of(), "none", doc);
    }

    /** One of an enum's constants, written in lower case. */
    public static <E extends Enum<E>> Option<E> choice(String name, Class<E> type, E defaultValue, String doc) {
        String choices = Stream.of(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(" | "));
        return new Option<>(name, choices, (key, value) -> ConfigValues.choice(key, value, type), defaultValue,
            defaultValue == null ? "none" : defaultValue.name().toLowerCase(Locale.ROOT), doc);
    }

    /** This option with its default described in words ("the system's (resolv.conf)") rather than by value. */
    public Option<T> defaultReads(String text) {
        return new Option<>(name, form, parser, defaultValue, text, doc, false);
    }

    /** This option with an extra check of the parsed value; {@code expected} says what passes. */
    public Option<T> requiring(Predicate<T> check, String expected) {
        Parser<T> checked = (key, value) -> {
            T parsed = parser.parse(key, value);
            if (!check.test(parsed)) {
                throw ConfigValues.bad(key, value, expected);
            }
            return parsed;
        };
        return new Option<>(name, form, checked, defaultValue, defaultText, doc, defaultWritable);
    }

    /** The key, with {@code <placeholders>} for a family. */
    public String name() {
        return name;
    }

    /** What the value looks like, in words. */
    public String form() {
        return form;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /** The default as the reference shows it. */
    public String defaultText() {
        return defaultText;
    }

    /** Whether {@link #defaultText} is a value one could write in the file (not words such as "none" or "bundled"). */
    public boolean isDefaultWritable() {
        return defaultWritable;
    }

    public String doc() {
        return doc;
    }

    /** Whether the key names a family ({@code <name>} segments). */
    public boolean isFamily() {
        return name.indexOf('<') >= 0;
    }

    /** Whether {@code key} is this option, or one member of this family. */
    public boolean matches(String key) {
        return keyPattern.matcher(key).matches();
    }

    /** The key of the family member named {@code names}, one per placeholder in order. */
    public String key(String... names) {
        Matcher m = PLACEHOLDER.matcher(name);
        StringBuilder key = new StringBuilder();
        int i = 0;
        while (m.find()) {
            if (i >= names.length) {
                throw new IllegalArgumentException(name + " needs " + (i + 1) + " or more names");
            }
            m.appendReplacement(key, Matcher.quoteReplacement(names[i++]));
        }
        m.appendTail(key);
        return key.toString();
    }

    /** The placeholder segments of {@code key}, which must {@link #matches match}. */
    List<String> namesIn(String key) {
        Matcher m = keyPattern.matcher(key);
        if (!m.matches()) {
            throw new IllegalArgumentException(key + " is not " + name);
        }
        return IntStream.rangeClosed(1, m.groupCount()).mapToObj(m::group).collect(Collectors.toList());
    }

    T parse(String key, String value) {
        return parser.parse(key, value);
    }

    @Override
    public String toString() {
        return name;
    }

    private static Pattern keyPattern(String name) {
        Matcher m = PLACEHOLDER.matcher(name);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(name.substring(last, m.start()))).append("([A-Za-z0-9_-]+)");
            last = m.end();
        }
        regex.append(Pattern.quote(name.substring(last)));
        return Pattern.compile(regex.toString());
    }
}
