package org.tracewall.core.trace;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.tracewall.core.config.ConfigValues;
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
    public static final String PREFIX = "traceability.";
    public static final String NEIGHBOURHOOD_V4 = "traceability.neighbourhood.ipv4";
    public static final String NEIGHBOURHOOD_V6 = "traceability.neighbourhood.ipv6";
    public static final String FCRDNS = "traceability.fcrdns";
    public static final String SPF_SOFTFAIL = "traceability.spf.softfail";
    public static final String SPF_NEUTRAL = "traceability.spf.neutral";
    public static final String SPF_PERMERROR = "traceability.spf.permerror";
    public static final String REGISTRY_FILE = "traceability.registry.file";
    public static final String REGISTRY_ZONE = "traceability.registry.zone";
    public static final String COMPENSATION_FILE = "traceability.compensation.file";
    public static final String PSL_FILE = "traceability.psl.file";
    private static final Set<String> KEYS = Set.of(NEIGHBOURHOOD_V4, NEIGHBOURHOOD_V6, FCRDNS, SPF_SOFTFAIL, SPF_NEUTRAL,
        SPF_PERMERROR, REGISTRY_FILE, REGISTRY_ZONE, COMPENSATION_FILE, PSL_FILE);

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
        for (String key : properties.keySet()) {
            if (key.startsWith(PREFIX) && !KEYS.contains(key)) {
                throw new IllegalArgumentException("Unknown key '" + key + "' (known: " + String.join(", ", KEYS) + ")");
            }
        }
        int v4 = intOr(properties, NEIGHBOURHOOD_V4, 24, 8, 32);
        int v6 = intOr(properties, NEIGHBOURHOOD_V6, 64, 16, 128);
        boolean fcrdns = Optional.ofNullable(properties.get(FCRDNS)).map(v -> ConfigValues.bool(FCRDNS, v)).orElse(true);
        Map<SpfResult, TraceResult> mapping = new EnumMap<>(SpfResult.class);
        mapping.put(SpfResult.SOFTFAIL, result(properties, SPF_SOFTFAIL, TraceResult.UNTRACEABLE));
        mapping.put(SpfResult.NEUTRAL, result(properties, SPF_NEUTRAL, TraceResult.UNKNOWN));
        mapping.put(SpfResult.PERMERROR, result(properties, SPF_PERMERROR, TraceResult.UNKNOWN));
        return new TraceabilityConfig(v4, v6, fcrdns, mapping,
            path(properties, REGISTRY_FILE, baseDirectory), blankToNull(properties.get(REGISTRY_ZONE)),
            path(properties, COMPENSATION_FILE, baseDirectory), path(properties, PSL_FILE, baseDirectory));
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

    private static int intOr(Map<String, String> p, String key, int def, int min, int max) {
        String v = p.get(key);
        return v == null || v.isBlank() ? def : ConfigValues.intInRange(key, v, min, max);
    }

    private static TraceResult result(Map<String, String> p, String key, TraceResult def) {
        String v = p.get(key);
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            TraceResult r = TraceResult.fromCode(v);
            if (r == TraceResult.TEMPERROR) {
                throw new IllegalArgumentException();
            }
            return r;
        } catch (IllegalArgumentException e) {
            throw ConfigValues.bad(key, v, "traceable, untraceable or unknown");
        }
    }

    private static Path path(Map<String, String> p, String key, Path base) {
        String v = blankToNull(p.get(key));
        return v == null ? null : base.resolve(v.trim()).normalize();
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }
}
