package org.tracewall.core.trace;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import org.tracewall.core.config.ConfigValues;
import org.tracewall.core.config.Option;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.config.OptionValues;
import org.tracewall.core.spf.SpfResult;

/**
 * The {@code traceability.*} keys of tracewall.properties, validated. Relative file paths
 * are resolved against the directory given to {@link #fromProperties}.
 *
 * <pre>
 * traceability.neighbourhood.ipv4=24      # 16 = relaxed "class B" mode
 * traceability.neighbourhood.ipv6=64      # or 48
 * traceability.fcrdns=true
 * traceability.spf.softfail=untraceable   # traceable | untraceable | unknown
 * traceability.spf.neutral=unknown
 * traceability.spf.permerror=unknown
 * traceability.registry.file=tracewall-registry.txt
 * traceability.registry.zone=registry.example.net
 * traceability.compensation.file=tracewall-compensation.txt
 * traceability.psl.file=public_suffix_list.dat
 * </pre>
 */
public final class TraceabilityConfig {
    public static final Option<Integer> NEIGHBOURHOOD_V4 = Option.integer("traceability.neighbourhood.ipv4", 24, 8, 32,
        "prefix around the MX/A addresses that counts as the domain's (16: relaxed)");
    public static final Option<Integer> NEIGHBOURHOOD_V6 = Option.integer("traceability.neighbourhood.ipv6", 64, 16, 128,
        "the same for IPv6 (48: relaxed)");
    public static final Option<Boolean> FCRDNS = Option.bool("traceability.fcrdns", true,
        "accept a forward-confirmed PTR under the sender's organizational domain");
    public static final Option<TraceResult> SPF_SOFTFAIL = spfCounts("softfail", TraceResult.UNTRACEABLE);
    public static final Option<TraceResult> SPF_NEUTRAL = spfCounts("neutral", TraceResult.UNKNOWN);
    public static final Option<TraceResult> SPF_PERMERROR = spfCounts("permerror", TraceResult.UNKNOWN);
    public static final Option<String> REGISTRY_FILE = Option.text("traceability.registry.file", null,
        "trusted-domain registry file (lines 'domain trusted|untrusted'), relative to conf/, re-read when edited");
    public static final Option<String> REGISTRY_ZONE = Option.text("traceability.registry.zone", null,
        "registry DNS zone: <domain>.<zone> A 127.0.0.2 trusted, 127.0.0.3 untrusted");
    public static final Option<String> COMPENSATION_FILE = Option.text("traceability.compensation.file", null,
        "compensation list (domains and the networks that send for them), relative to conf/, re-read when edited");
    public static final Option<String> PSL_FILE = Option.text("traceability.psl.file", null,
        "a newer public suffix list, relative to conf/").defaultReads("bundled");
    public static final OptionSection OPTIONS = OptionSection.of("traceability.", "Traceability", NEIGHBOURHOOD_V4,
        NEIGHBOURHOOD_V6, FCRDNS, SPF_SOFTFAIL, SPF_NEUTRAL, SPF_PERMERROR, REGISTRY_FILE, REGISTRY_ZONE, COMPENSATION_FILE, PSL_FILE);

    private final int neighbourhoodV4;
    private final int neighbourhoodV6;
    private final boolean fcrdns;
    private final Map<SpfResult, TraceResult> spfMapping;
    private final Path registryFile;
    private final String registryZone;
    private final Path compensationFile;
    private final Path pslFile;

    private TraceabilityConfig(int neighbourhoodV4, int neighbourhoodV6, boolean fcrdns, Map<SpfResult, TraceResult> spfMapping,
                               Path registryFile, String registryZone, Path compensationFile, Path pslFile) {
        this.neighbourhoodV4 = neighbourhoodV4;
        this.neighbourhoodV6 = neighbourhoodV6;
        this.fcrdns = fcrdns;
        this.spfMapping = Map.copyOf(spfMapping);
        this.registryFile = registryFile;
        this.registryZone = registryZone;
        this.compensationFile = compensationFile;
        this.pslFile = pslFile;
    }

    public static TraceabilityConfig defaults() {
        return fromProperties(Map.of(), Path.of("."));
    }

    /**
     * @throws IllegalArgumentException naming the bad or unknown key
     */
    public static TraceabilityConfig fromProperties(Map<String, String> properties, Path baseDirectory) {
        OptionValues values = OPTIONS.read(properties);
        Map<SpfResult, TraceResult> mapping = new EnumMap<>(SpfResult.class);
        mapping.put(SpfResult.SOFTFAIL, values.get(SPF_SOFTFAIL));
        mapping.put(SpfResult.NEUTRAL, values.get(SPF_NEUTRAL));
        mapping.put(SpfResult.PERMERROR, values.get(SPF_PERMERROR));
        return new TraceabilityConfig(values.get(NEIGHBOURHOOD_V4), values.get(NEIGHBOURHOOD_V6), values.get(FCRDNS), mapping,
            path(values, REGISTRY_FILE, baseDirectory), values.get(REGISTRY_ZONE),
            path(values, COMPENSATION_FILE, baseDirectory), path(values, PSL_FILE, baseDirectory));
    }

    public int neighbourhoodV4() {
        return neighbourhoodV4;
    }

    public int neighbourhoodV6() {
        return neighbourhoodV6;
    }

    public boolean fcrdns() {
        return fcrdns;
    }

    /** How an SPF softfail, neutral or permerror counts. */
    public TraceResult mapSpf(SpfResult spf) {
        return spfMapping.getOrDefault(spf, TraceResult.UNKNOWN);
    }

    public Optional<Path> registryFile() {
        return Optional.ofNullable(registryFile);
    }

    public Optional<String> registryZone() {
        return Optional.ofNullable(registryZone);
    }

    public Optional<Path> compensationFile() {
        return Optional.ofNullable(compensationFile);
    }

    public Optional<Path> pslFile() {
        return Optional.ofNullable(pslFile);
    }

    /** How an SPF result counts: traceable, untraceable or unknown (a temperror is not a choice). */
    private static Option<TraceResult> spfCounts(String spf, TraceResult defaultValue) {
        return Option.of("traceability.spf." + spf, "traceable | untraceable | unknown", (key, value) -> {
            try {
                TraceResult r = TraceResult.fromCode(value);
                if (r != TraceResult.TEMPERROR) {
                    return r;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            throw ConfigValues.bad(key, value, "traceable, untraceable or unknown");
        }, defaultValue, "how an SPF " + spf + " counts").defaultReads(defaultValue.code());
    }

    private static Path path(OptionValues values, Option<String> option, Path base) {
        return values.find(option).map(v -> base.resolve(v).normalize()).orElse(null);
    }
}
