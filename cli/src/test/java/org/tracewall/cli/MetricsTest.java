package org.tracewall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void recallAtBudgetShouldAllowFloorOfBudgetTimesHamFalsePositives() {
        List<Double> ham = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ham.add(0.01);
        }
        ham.set(0, 0.99);
        ham.set(1, 0.80);
        Metrics metrics = new Metrics(List.of(0.995, 0.9, 0.85, 0.5), ham);
        assertThat(metrics.allowed(0.001)).isEqualTo(1);
        // one ham (0.99) may score above the bar; the bar is the next ham, 0.80: three spam score above it.
        assertThat(metrics.recallAtBudget(0.001)).isEqualTo(0.75);
        assertThat(metrics.recallAt(0.9)).isEqualTo(0.5);
        assertThat(metrics.falsePositives(0.9)).isEqualTo(1);
    }
}
