package org.tracewall.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.tracewall.core.access.AccessAction;
import org.tracewall.core.score.ScoreConfig;
import org.tracewall.core.score.Symbol;
import org.tracewall.core.trace.AuthenticationResultsHeader;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer over the parsers and writers that see attacker- or operator-controlled text: each either
 * answers or refuses with IllegalArgumentException (the error that names the bad input), and the
 * Authentication-Results writer never lets a line break through that would start a new header.
 */
class ParsersFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void accessActionShouldParseOrRefuse(FuzzedDataProvider data) {
        try {
            AccessAction.parse(data.consumeRemainingAsString());
        } catch (IllegalArgumentException e) {
            // refused with a message
        }
    }

    @FuzzTest(maxDuration = "30s")
    void symbolShouldRoundTripOrRefuse(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            Symbol symbol = Symbol.decode(text);
            assertThat(Symbol.decode(symbol.encode())).isEqualTo(symbol);
            assertThat(symbol.detail()).doesNotContain("\n", "\r");
        } catch (IllegalArgumentException e) {
            // not a symbol
        }
    }

    @FuzzTest(maxDuration = "30s")
    void scoreConfigShouldLoadOrNameTheKey(FuzzedDataProvider data) {
        String key = "score." + data.consumeString(40);
        String value = data.consumeRemainingAsString();
        try {
            ScoreConfig.fromProperties(Map.of(key, value));
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void authenticationResultsShouldNeverStartANewHeader(FuzzedDataProvider data) {
        String detail = data.consumeString(300);
        String domain = data.consumeRemainingAsString();
        String value = AuthenticationResultsHeader.value("mx.example.net", "pass", detail, domain, "none", false);
        String[] lines = value.split("\r\n", -1);
        for (int i = 0; i < lines.length; i++) {
            assertThat(lines[i]).doesNotContain("\r", "\n");
            if (i > 0) {
                assertThat(lines[i]).startsWith("\t");
            }
        }
    }
}
