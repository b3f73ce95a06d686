package org.tracewall.core.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AuthenticationResultsHeaderTest {

    @Test
    void valueShouldCarrySpfAndTraceabilityWithTheMailFromDomain() {
        String value = AuthenticationResultsHeader.value("mx.example.net", "pass", "mx-neighbour /24 of mx1.example.com",
            "example.com", "none", false);

        assertThat(value).isEqualTo("mx.example.net;\r\n\tspf=none smtp.mailfrom=example.com;\r\n"
            + "\tx-traceability=pass (mx-neighbour /24 of mx1.example.com) smtp.mailfrom=example.com");
    }

    @Test
    void valueShouldUseSmtpHeloForTheNullSender() {
        assertThat(AuthenticationResultsHeader.value("mx", "pass", "a-host h.example.org", "h.example.org", null, true))
            .isEqualTo("mx;\r\n\tx-traceability=pass (a-host h.example.org) smtp.helo=h.example.org");
    }

    @Test
    void valueShouldNeutraliseHeaderInjectionFromTheClient() {
        String value = AuthenticationResultsHeader.value("mx", "fail", "bad)\r\nBcc: victim@example.com (x",
            "evil.example\r\nX-Injected: 1", "fail", false);

        assertThat(value.split("\r\n")).allMatch(line -> line.isEmpty() || line.startsWith("\t") || line.startsWith("mx"));
        assertThat(value).doesNotContain("\r\nBcc").doesNotContain("X-Injected").contains("(bad???Bcc: victim@example.com ?x)");
    }

    @Test
    void valueShouldRefuseAnInvalidAuthservId() {
        assertThatThrownBy(() -> AuthenticationResultsHeader.value("bad id;", "pass", "", "example.com", null, false))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
