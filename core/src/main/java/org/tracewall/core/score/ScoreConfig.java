package org.tracewall.core.score;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.tracewall.core.config.ConfigValues;
import org.tracewall.core.config.Option;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.config.OptionValues;
import org.tracewall.core.content.ContentRule;
import org.tracewall.core.content.ContentRules;
import org.tracewall.core.net.IpNetwork;

/**
 * The {@code score.*} keys of tracewall.properties, read once into the content rules and the
 * {@link ScoringPolicy}; every error names its key.
 *
 * <pre>
 * score.tag=5                                   # thresholds: a number or off
 * score.quarantine=10
 * score.reject=15
 * score.weight.HELO_NOT_FQDN=2.0                # override a symbol's weight
 * score.combo.BAD_HOST.rules=NO_PTR, HELO_NOT_FQDN, DNSBL
 * score.combo.BAD_HOST.min=2                    # m of n (default: all)
 * score.combo.BAD_HOST.weight=3.0
 * score.rule.INVOICE.in=Subject                 # a header name, or body
 * score.rule.INVOICE.pattern=(?i)(代开|开具).{0,6}发票
 * score.rule.INVOICE.weight=6.0
 * score.group.outbound.direction=outbound       # inbound, outbound, internal (a list)
 * score.group.outbound.clients=10.0.0.0/8       # and/or senders=, recipients= (domains)
 * score.group.outbound.reject=off
 * score.group.outbound.weight.TRACE_UNTRACEABLE=0
 * </pre>
 */
public final class ScoreConfig {
    public static final Option<Double> TAG = threshold("score.tag", 5.0, "the score that tags a message (a number or off)");
    public static final Option<Double> QUARANTINE = threshold("score.quarantine", 10.0, "the score that quarantines it");
    public static final Option<Double> REJECT = threshold("score.reject", 15.0, "the score that rejects it (554 at DATA)");
    public static final Option<Double> WEIGHT = Option.number("score.weight.<SYMBOL>", null, "a symbol's weight")
        .defaultReads("the symbol's own (tracewall check lists them)");
    public static final Option<List<String>> COMBO_RULES = Option.<List<String>>of("score.combo.<NAME>.rules", "symbol list",
        ScoreConfig::symbols, List.of(), "the symbols of an m-of-n combination (required)");
    public static final Option<Integer> COMBO_MIN = Option.integer("score.combo.<NAME>.min", 1, 1, 1000,
        "how many of them must fire").defaultReads("all");
    public static final Option<Double> COMBO_WEIGHT = Option.number("score.combo.<NAME>.weight", null,
        "what the combination adds (required)");
    public static final Option<String> RULE_IN = Option.text("score.rule.<NAME>.in", null,
        "where a content rule looks: a header name such as Subject, or body (required)")
        .requiring(where -> where.matches("[A-Za-z0-9-]+"), "a header name such as Subject, or body");
    public static final Option<Pattern> RULE_PATTERN = Option.<Pattern>of("score.rule.<NAME>.pattern", "Java regex",
        ScoreConfig::regex, null, "what it looks for (required)");
    public static final Option<Double> RULE_WEIGHT = Option.number("score.rule.<NAME>.weight", null, "what a match adds (required)");
    public static final Option<Set<Direction>> GROUP_DIRECTION = Option.<Set<Direction>>of("score.group.<name>.direction",
        "inbound | outbound | internal list", ScoreConfig::directions, Set.of(), "the directions of mail in the group")
        .defaultReads("any");
    public static final Option<List<IpNetwork>> GROUP_CLIENTS = Option.networks("score.group.<name>.clients",
        "client addresses and networks in the group");
    public static final Option<List<String>> GROUP_SENDERS = Option.list("score.group.<name>.senders", null,
        "sender domains in the group");
    public static final Option<List<String>> GROUP_RECIPIENTS = Option.list("score.group.<name>.recipients", null,
        "recipient domains in the group");
    public static final Option<Double> GROUP_TAG = threshold("score.group.<name>.tag", null, "the group's tag threshold")
        .defaultReads("score.tag");
    public static final Option<Double> GROUP_QUARANTINE = threshold("score.group.<name>.quarantine", null,
        "the group's quarantine threshold").defaultReads("score.quarantine");
    public static final Option<Double> GROUP_REJECT = threshold("score.group.<name>.reject", null, "the group's reject threshold")
        .defaultReads("score.reject");
    public static final Option<Double> GROUP_WEIGHT = Option.number("score.group.<name>.weight.<SYMBOL>", null,
        "a symbol's weight in the group").defaultReads("score.weight.<SYMBOL>");
    public static final OptionSection OPTIONS = OptionSection.of("score.", "Scoring and policy groups", TAG, QUARANTINE, REJECT,
        WEIGHT, COMBO_RULES, COMBO_MIN, COMBO_WEIGHT, RULE_IN, RULE_PATTERN, RULE_WEIGHT, GROUP_DIRECTION, GROUP_CLIENTS,
        GROUP_SENDERS, GROUP_RECIPIENTS, GROUP_TAG, GROUP_QUARANTINE, GROUP_REJECT, GROUP_WEIGHT);

    private final ContentRules contentRules;
    private final ScoringPolicy policy;

    private ScoreConfig(OptionValues values) {
        this.contentRules = contentRules(values);
        this.policy = policy(values);
    }

    /**
     * The {@code score.*} section read once: the content rules it declares, and the policy that
     * weighs their symbols with the others.
     *
     * @throws IllegalArgumentException naming the bad or unknown key
     */
    public static ScoreConfig read(Map<String, String> properties) {
        return new ScoreConfig(OPTIONS.read(properties));
    }

    /** As {@link #read}, the policy alone. */
    public static ScoringPolicy fromProperties(Map<String, String> properties) {
        return read(properties).policy();
    }

    /** As {@link #read}, the content check alone. */
    public static ContentRules contentRules(Map<String, String> properties) {
        return read(properties).contentRules();
    }

    /** The policy (the content rules' weights included). */
    public ScoringPolicy policy() {
        return policy;
    }

    /** The keyword and header rules ({@code score.rule.*}). */
    public ContentRules contentRules() {
        return contentRules;
    }

    private static ContentRules contentRules(OptionValues values) {
        List<ContentRule> rules = new ArrayList<>();
        for (String name : values.names(RULE_IN, RULE_PATTERN, RULE_WEIGHT)) {
            rules.add(new ContentRule(symbolName(RULE_IN.key(name), name), values.require(RULE_IN, name),
                values.require(RULE_PATTERN, name)));
        }
        return new ContentRules(rules);
    }

    /** After {@link #contentRules(OptionValues)}, which has checked each rule's name, place and pattern. */
    private static ScoringPolicy policy(OptionValues values) {
        Map<String, Double> weights = new LinkedHashMap<>(DefaultWeights.all());
        for (String symbol : values.names(WEIGHT)) {
            weights.put(symbolName(WEIGHT.key(symbol), symbol), values.get(WEIGHT, symbol));
        }
        List<ComboRule> comboRules = new ArrayList<>();
        for (String name : values.names(COMBO_RULES, COMBO_MIN, COMBO_WEIGHT)) {
            ComboRule combo = combo(values, symbolName(COMBO_RULES.key(name), name));
            comboRules.add(combo);
            weights.putIfAbsent(name, combo.weight());
        }
        for (String name : values.names(RULE_IN, RULE_PATTERN, RULE_WEIGHT)) {
            weights.put(name, values.require(RULE_WEIGHT, name));
        }
        Thresholds thresholds = Thresholds.of(values.get(TAG), values.get(QUARANTINE), values.get(REJECT), Thresholds.defaults(),
            "score.");
        List<ScoreGroup> scoreGroups = new ArrayList<>();
        for (String name : values.names(GROUP_DIRECTION, GROUP_CLIENTS, GROUP_SENDERS, GROUP_RECIPIENTS, GROUP_TAG, GROUP_QUARANTINE,
            GROUP_REJECT, GROUP_WEIGHT)) {
            scoreGroups.add(group(values, name, thresholds));
        }
        return new ScoringPolicy(weights, thresholds, comboRules, scoreGroups);
    }

    private static ComboRule combo(OptionValues values, String name) {
        List<String> members = values.require(COMBO_RULES, name);
        int min = values.find(COMBO_MIN, name).orElse(members.size());
        if (min > members.size()) {
            throw ConfigValues.bad(COMBO_MIN.key(name), Integer.toString(min), "an integer from 1 to " + members.size());
        }
        return new ComboRule(name, members, min, values.require(COMBO_WEIGHT, name));
    }

    private static ScoreGroup group(OptionValues values, String name, Thresholds base) {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (String symbol : values.namesUnder(name, GROUP_WEIGHT)) {
            weights.put(symbolName(GROUP_WEIGHT.key(name, symbol), symbol), values.get(GROUP_WEIGHT, name, symbol));
        }
        Thresholds thresholds = Thresholds.of(values.get(GROUP_TAG, name), values.get(GROUP_QUARANTINE, name),
            values.get(GROUP_REJECT, name), base, "score.group." + name + ".");
        return new ScoreGroup(name, values.get(GROUP_DIRECTION, name), values.get(GROUP_CLIENTS, name),
            values.get(GROUP_SENDERS, name), values.get(GROUP_RECIPIENTS, name), thresholds, weights);
    }

    private static Option<Double> threshold(String name, Double defaultValue, String doc) {
        return Option.<Double>of(name, "number | off", Thresholds::parse, defaultValue, doc)
            .defaultReads(defaultValue == null ? "none" : ConfigValues.format(defaultValue));
    }

    private static List<String> symbols(String key, String value) {
        List<String> members = new ArrayList<>();
        for (String member : value.split("[,\\s]+")) {
            if (!member.isBlank()) {
                members.add(symbolName(key, member.trim()));
            }
        }
        return List.copyOf(members);
    }

    private static Pattern regex(String key, String value) {
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("Invalid value for '" + key + "': " + e.getDescription() + " near index " + e.getIndex(), e);
        }
    }

    private static Set<Direction> directions(String key, String value) {
        Set<Direction> directions = EnumSet.noneOf(Direction.class);
        for (String direction : ConfigValues.list(value)) {
            try {
                directions.add(Direction.fromCode(direction));
            } catch (IllegalArgumentException e) {
                throw ConfigValues.bad(key, direction, "inbound, outbound or internal");
            }
        }
        return Set.copyOf(directions);
    }

    private static String symbolName(String key, String name) {
        if (!Symbol.isValidName(name)) {
            throw ConfigValues.bad(key, name, "an UPPER_SNAKE symbol name");
        }
        return name;
    }
}
