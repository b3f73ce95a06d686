package org.tracewall.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The one reader of options: what it refuses, names, defaults and finds in a family. */
class OptionSectionTest {
    private static final Option<Duration> DELAY = Option.positiveDuration("demo.delay", Duration.ofMinutes(5), "how long");
    private static final Option<Integer> COUNT = Option.integer("demo.count", 3, 0, 10, "how many");
    private static final Option<String> ZONE = Option.text("demo.list.<name>.zone", null, "a list's zone");
    private static final Option<Double> WEIGHT = Option.number("demo.list.<name>.weight", 1.0, "a list's weight");
    private static final Option<Double> GROUP_WEIGHT = Option.number("demo.group.<name>.weight.<SYMBOL>", null, "a weight");
    private static final OptionSection SECTION = OptionSection.of("demo.", "Demo", DELAY, COUNT, ZONE, WEIGHT, GROUP_WEIGHT);

    @Test
    void anUnsetOrBlankKeyShouldReadAsItsDefault() {
        OptionValues values = SECTION.read(Map.of("demo.count", "  "));

        assertThat(values.get(DELAY)).isEqualTo(Duration.ofMinutes(5));
        assertThat(values.get(COUNT)).isEqualTo(3);
        assertThat(values.find(COUNT)).isEmpty();
    }

    @Test
    void aSetKeyShouldBeParsedAndKeysOfOtherSectionsLeftAlone() {
        OptionValues values = SECTION.read(Map.of("demo.delay", " 90s ", "dns.servers", "whatever"));

        assertThat(values.get(DELAY)).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void anUnknownKeyShouldBeNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> SECTION.read(Map.of("demo.dealy", "5m")))
            .hasMessage("Unknown key 'demo.dealy' (known: demo.delay, demo.count, demo.list.<name>.zone, demo.list.<name>.weight, "
                + "demo.group.<name>.weight.<SYMBOL>)");
    }

    @Test
    void aBadValueShouldNameItsKeyAndWhatIsExpected() {
        assertThatThrownBy(() -> SECTION.read(Map.of("demo.count", "11")))
            .hasMessage("Invalid value for 'demo.count': '11' (expected an integer from 0 to 10)");
        assertThatThrownBy(() -> SECTION.read(Map.of("demo.delay", "0s")))
            .hasMessage("Invalid value for 'demo.delay': '0s' (expected a positive duration)");
    }

    @Test
    void aFamilyShouldListItsMembersByAnyOfTheirKeys() {
        OptionValues values = SECTION.read(Map.of("demo.list.zen.zone", "zen.example", "demo.list.cop.weight", "2",
            "demo.group.out.weight.NO_PTR", "0.5", "demo.group.out.weight.DNSBL", "1", "demo.group.in.weight.X", "3"));

        assertThat(values.names(ZONE, WEIGHT)).containsExactly("cop", "zen");
        assertThat(values.get(WEIGHT, "zen")).isEqualTo(1.0);
        assertThat(values.get(WEIGHT, "cop")).isEqualTo(2.0);
        assertThat(values.namesUnder("out", GROUP_WEIGHT)).containsExactly("DNSBL", "NO_PTR");
        assertThat(values.get(GROUP_WEIGHT, "out", "NO_PTR")).isEqualTo(0.5);
        assertThatThrownBy(() -> values.require(ZONE, "cop")).hasMessage("Missing key 'demo.list.cop.zone'");
    }

    @Test
    void aFamilyMemberNameShouldBeOneSegment() {
        assertThatThrownBy(() -> SECTION.read(Map.of("demo.list.a.b.zone", "x"))).hasMessageStartingWith("Unknown key 'demo.list.a.b.zone'");
    }

    @Test
    void effectiveSettingsShouldMarkTheDefaults() {
        Map<String, OptionValues.Setting> effective = SECTION.read(Map.of("demo.count", "7", "demo.list.zen.zone", "z")).effective();

        assertThat(effective.keySet()).containsExactly("demo.delay", "demo.count", "demo.list.zen.zone");
        assertThat(effective.get("demo.delay").value()).isEqualTo("5m");
        assertThat(effective.get("demo.delay").isDefault()).isTrue();
        assertThat(effective.get("demo.count").value()).isEqualTo("7");
        assertThat(effective.get("demo.count").isDefault()).isFalse();
    }

    @Test
    void elementsShouldBeNamedAsElementsAndAllUnknownOnesAtOnce() {
        Option<Boolean> strict = Option.bool("strict", false, "be strict");
        OptionSection handler = OptionSection.elements("DemoHook", strict);

        assertThatThrownBy(() -> handler.read(Map.of("strcit", "true", "loose", "1")))
            .hasMessage("unknown element(s) <loose>, <strcit> (known: strict)");
        assertThatThrownBy(() -> handler.read(Map.of("strict", "maybe")))
            .hasMessage("Invalid value for '<strict>': 'maybe' (expected true or false)");
        assertThatThrownBy(() -> OptionSection.elements("NoneHook").read(Map.of("x", "1")))
            .hasMessage("unknown element(s) <x> (it takes none)");
    }

    @Test
    void anOptionOutsideItsSectionsPrefixShouldBeRefusedAtDeclaration() {
        assertThatThrownBy(() -> OptionSection.of("dns.", "DNS", COUNT)).hasMessageContaining("demo.count is outside the section dns.");
    }

    @Test
    void durationsShouldBeShownInTheShortestFormTheyAreReadBackIn() {
        assertThat(ConfigValues.format(Duration.ofSeconds(300))).isEqualTo("5m");
        assertThat(ConfigValues.format(Duration.ofDays(35))).isEqualTo("35d");
        assertThat(ConfigValues.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(ConfigValues.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(ConfigValues.duration("k", ConfigValues.format(Duration.ofHours(36)))).isEqualTo(Duration.ofHours(36));
    }
}
