package org.tracewall.core.score;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.tracewall.core.config.ConfigValues;

/**
 * Reads the {@code score.*} keys of tracewall.properties into a {@link ScoringPolicy}; every
 * error names its key.
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
    public static final String PREFIX = "score.";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern WEIGHT = Pattern.compile("score\\.weight\\.([^.]+)");
    private static final Pattern COMBO = Pattern.compile("score\\.combo\\.([^.]+)\\.(rules|min|weight)");
    private static final Pattern RULE = Pattern.compile("score\\.rule\\.([^.]+)\\.(in|pattern|weight)");
    private static final Pattern GROUP = Pattern.compile(
        "score\\.group\\.([^.]+)\\.(direction|clients|senders|recipients|tag|quarantine|reject|weight\\.[^.]+)");
    private static final Set<String> THRESHOLDS = Set.of("score.tag", "score.quarantine", "score.reject");

    private ScoreConfig() {
    }

    /**
     * @throws IllegalArgumentException naming the bad or unknown key
     */
    public static ScoringPolicy fromProperties(Map<String, String> properties) {
        Map<String, String> p = new TreeMap<>();
        properties.forEach((k, v) -> {
            if (k.startsWith(PREFIX)) {
                p.put(k, v);
            }
        });
        Set<String> combos = new TreeSet<>();
        Set<String> rules = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        Map<String, Double> weights = new LinkedHashMap<>(DefaultWeights.all());
        for (String key : p.keySet()) {
            Matcher m;
            if (THRESHOLDS.contains(key)) {
                continue;
            } else if ((m = WEIGHT.matcher(key)).matches()) {
                weights.put(symbolName(key, m.group(1)), number(p, key));
            } else if ((m = COMBO.matcher(key)).matches()) {
                combos.add(symbolName(key, m.group(1)));
            } else if ((m = RULE.matcher(key)).matches()) {
                rules.add(symbolName(key, m.group(1)));
            } else if ((m = GROUP.matcher(key)).matches() && NAME.matcher(m.group(1)).matches()) {
                groups.add(m.group(1));
            } else {
                throw new IllegalArgumentException("Unknown key '" + key + "' (score.tag, score.quarantine, score.reject, "
                    + "score.weight.<SYMBOL>, score.combo.<NAME>.rules|min|weight, score.rule.<NAME>.in|pattern|weight, "
                    + "score.group.<name>.direction|clients|senders|recipients|tag|quarantine|reject|weight.<SYMBOL>)");
            }
        }
        List<ComboRule> comboRules = new ArrayList<>();
        for (String name : combos) {
            ComboRule combo = combo(p, name);
            comboRules.add(combo);
            weights.putIfAbsent(name, combo.weight());
        }
        List<ContentRule> contentRules = new ArrayList<>();
        for (String name : rules) {
            contentRules.add(contentRule(p, name));
            weights.put(name, number(p, PREFIX + "rule." + name + ".weight"));
        }
        Thresholds thresholds = Thresholds.read(p, PREFIX, Thresholds.defaults());
        List<ScoreGroup> scoreGroups = new ArrayList<>();
        for (String name : groups) {
            scoreGroups.add(group(p, name, thresholds));
        }
        return new ScoringPolicy(weights, thresholds, comboRules, contentRules, scoreGroups);
    }

    private static ComboRule combo(Map<String, String> p, String name) {
        String prefix = PREFIX + "combo." + name + ".";
        List<String> members = new ArrayList<>();
        for (String member : required(p, prefix + "rules").split("[,\\s]+")) {
            if (!member.isBlank()) {
                members.add(symbolName(prefix + "rules", member.trim()));
            }
        }
        int min = p.containsKey(prefix + "min")
            ? ConfigValues.intInRange(prefix + "min", p.get(prefix + "min"), 1, members.size()) : members.size();
        return new ComboRule(name, members, min, number(p, prefix + "weight"));
    }

    private static ContentRule contentRule(Map<String, String> p, String name) {
        String prefix = PREFIX + "rule." + name + ".";
        String where = required(p, prefix + "in").trim();
        if (!where.matches("[A-Za-z0-9-]+")) {
            throw ConfigValues.bad(prefix + "in", where, "a header name such as Subject, or body");
        }
        String regex = required(p, prefix + "pattern");
        try {
            return new ContentRule(name, where, Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("Invalid value for '" + prefix + "pattern': " + e.getDescription()
                + " near index " + e.getIndex(), e);
        }
    }

    private static ScoreGroup group(Map<String, String> p, String name, Thresholds base) {
        String prefix = PREFIX + "group." + name + ".";
        Set<Direction> directions = EnumSet.noneOf(Direction.class);
        for (String direction : ConfigValues.list(p.getOrDefault(prefix + "direction", ""))) {
            try {
                directions.add(Direction.fromCode(direction));
            } catch (IllegalArgumentException e) {
                throw ConfigValues.bad(prefix + "direction", direction, "inbound, outbound or internal");
            }
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        String weightPrefix = prefix + "weight.";
        p.keySet().stream().filter(k -> k.startsWith(weightPrefix))
            .forEach(k -> weights.put(symbolName(k, k.substring(weightPrefix.length())), number(p, k)));
        return new ScoreGroup(name, directions, ConfigValues.networks(p, prefix + "clients"),
            ConfigValues.list(p.getOrDefault(prefix + "senders", "")), ConfigValues.list(p.getOrDefault(prefix + "recipients", "")),
            Thresholds.read(p, prefix, base), weights);
    }

    private static String symbolName(String key, String name) {
        if (!Symbol.isValidName(name)) {
            throw ConfigValues.bad(key, name, "an UPPER_SNAKE symbol name");
        }
        return name;
    }

    private static String required(Map<String, String> p, String key) {
        String value = p.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Missing key '" + key + "'");
        }
        return value;
    }

    private static double number(Map<String, String> p, String key) {
        String value = required(p, key);
        try {
            double parsed = Double.parseDouble(value.trim());
            if (Double.isFinite(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ConfigValues.bad(key, value, "a number");
    }
}
