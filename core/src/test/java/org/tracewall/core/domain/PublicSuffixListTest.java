package org.tracewall.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PublicSuffixListTest {
    private static final PublicSuffixList PSL = PublicSuffixList.bundled();

    @Test
    void organizationalDomainShouldPassMozillasChecks() throws IOException {
        List<String> failures = new ArrayList<>();
        int cases = 0;
        try (InputStream in = getClass().getResourceAsStream("/psl/tests.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (line.isBlank() || line.startsWith("//") || f.length != 2 || "null".equals(f[0])) {
                    continue;
                }
                cases++;
                Optional<String> expected = "null".equals(f[1]) ? Optional.empty()
                    : Optional.of(IDN.toASCII(f[1], IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT));
                Optional<String> actual = PSL.organizationalDomain(f[0]);
                if (!expected.equals(actual)) {
                    failures.add(f[0] + " -> " + actual + " expected " + expected);
                }
            }
        }
        assertThat(cases).isGreaterThan(70);
        assertThat(failures).isEmpty();
    }

    @Test
    void sameOrganizationShouldGroupHostsUnderARegistrableDomain() {
        assertThat(PSL.sameOrganization("mail.example.co.uk", "example.co.uk")).isTrue();
        assertThat(PSL.sameOrganization("a.co.uk", "b.co.uk")).isFalse();
        assertThat(PSL.sameOrganization("co.uk", "co.uk")).isFalse();
    }
}
