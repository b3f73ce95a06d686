package org.tracewall.core.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tracewall.core.helo.HeloPtrResult;
import org.tracewall.core.trace.TraceResult;

class KnownSymbolTest {
    @ParameterizedTest
    @EnumSource(TraceResult.class)
    void everyTraceabilityResultShouldHaveItsSymbol(TraceResult result) {
        assertThat(KnownSymbol.of(result).name()).isEqualTo("TRACE_" + result.name());
    }

    @ParameterizedTest
    @EnumSource(HeloPtrResult.class)
    void everyHeloFindingShouldHaveItsSymbol(HeloPtrResult finding) {
        assertThat(KnownSymbol.of(finding).name()).isEqualTo(finding.name());
    }

    @Test
    void theDefaultWeightsShouldBeTheKnownSymbolsWeights() {
        assertThat(DefaultWeights.all()).hasSize(KnownSymbol.values().length);
        Arrays.stream(KnownSymbol.values())
            .forEach(symbol -> assertThat(DefaultWeights.all()).containsEntry(symbol.name(), symbol.defaultWeight()));
        assertThat(DefaultWeights.all()).containsEntry("TRACE_UNTRACEABLE", 5.0).containsEntry("BAYES", 6.0);
    }
}
