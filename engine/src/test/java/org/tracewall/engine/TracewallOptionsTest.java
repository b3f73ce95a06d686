package org.tracewall.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracewall.core.config.Option;
import org.tracewall.core.config.OptionSection;

/** Every section of tracewall.properties declared once, and what the reference and the dump make of them. */
class TracewallOptionsTest {
    @TempDir
    Path work;

    @Test
    void aKeyUnderNoSectionShouldBeNamedWithTheKnownPrefixes() {
        assertThatThrownBy(() -> TracewallOptions.read(Map.of("dsn.servers", "127.0.0.1")))
            .hasMessageStartingWith("Unknown key 'dsn.servers' in tracewall.properties (known prefixes: dns., traceability.");
    }

    @Test
    void aMisspeltKeyInASectionShouldStopTheEngineNamingIt() {
        assertThatThrownBy(() -> TracewallEngine.from(Map.of("greylist.dealy", "5m"), work, work, () -> 0L))
            .hasMessageStartingWith("Unknown key 'greylist.dealy' (known: greylist.delay, greylist.retryWindow");
    }

    @Test
    void everyOptionShouldSayWhatItDoesAndKeyNamesShouldBeUnique() {
        Set<String> names = new HashSet<>();
        for (OptionSection section : TracewallOptions.SECTIONS) {
            for (Option<?> option : section.options()) {
                assertThat(option.doc()).as(option.name()).isNotBlank();
                assertThat(names.add(option.name())).as(option.name() + " declared twice").isTrue();
                assertThat(TracewallOptions.SECTIONS.stream().filter(s -> s.owns(option.name()))).as(option.name()).hasSize(1);
            }
        }
        assertThat(names).hasSizeGreaterThan(80);
    }

    @Test
    void theDumpOfTheShippedSampleShouldShowWhatItSetsAndMarkTheDefaults() throws Exception {
        Map<String, String> sample = sample("gateway");

        String dump = TracewallOptions.dump(sample, false);

        assertThat(dump).contains("# DNS resolver\n", "dns.pendingTotal = 16    # default\n",
            "dns.servers =    # default: the system's (resolv.conf)\n", "score.rule.INVOICE_SPAM.pattern = ");
        sample.forEach((key, value) -> assertThat(dump).as(key).contains(key + " = " + value.trim() + "\n"));
        String onlySet = TracewallOptions.dump(sample, true);
        assertThat(onlySet).doesNotContain("# default");
        assertThat(onlySet.lines().filter(line -> line.contains(" = "))).hasSize(sample.size());
    }

    @Test
    void theDumpShouldNotShowTheReleaseSecret() {
        String secret = "s3cret-s3cret-s3cret-s3cret-s3cret-42";

        String dump = TracewallOptions.dump(Map.of("quarantine.secret", secret), true);

        assertThat(dump).doesNotContain(secret).contains("quarantine.secret = (set, " + secret.length() + " characters)");
    }

    @Test
    void theDumpShouldNotShowTheWebhooksPath() {
        String dump = TracewallOptions.dump(Map.of("alert.webhook", "https://chat.example.com/hooks/T0/B0/xoxb-secret"), true);

        assertThat(dump).doesNotContain("xoxb-secret").contains("alert.webhook = https://chat.example.com/…");
    }

    @Test
    void theReferenceShouldListEveryKeyWithItsDefault() {
        String reference = TracewallOptions.reference();

        assertThat(reference).contains("### DNS resolver (`dns.*`)", "| `dns.deadline` | positive duration | 6s | ",
            "| `dnsbl.list.<name>.type` | ip \\| domain \\| url | ip | ", "| `greylist.delay` | duration | 5m | ");
    }

    private Map<String, String> sample(String name) throws Exception {
        Path file = work.resolve("tracewall.properties");
        try (InputStream in = getClass().getResourceAsStream("/tracewall-conf/" + name + "/tracewall.properties")) {
            Files.write(file, in.readAllBytes());
        }
        return TracewallProperties.read(file);
    }
}
