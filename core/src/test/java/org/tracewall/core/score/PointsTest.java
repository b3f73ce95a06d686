package org.tracewall.core.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PointsTest {
    @ParameterizedTest
    @ValueSource(doubles = {0, 1, 12.5, 12.345, 12.355, -1.25, -3, 0.05, 0.004, 99.999, 1234567.891, 7.1, -0.75})
    void shouldPrintWhatStringFormatPrints(double value) {
        assertThat(Points.format(value)).isEqualTo(String.format(Locale.ROOT, "%.2f", value));
    }

    @Test
    void shouldRoundAsTheExactDecimalDoesOverManyValues() {
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            double value = (random.nextInt(2_000_000) - 1_000_000) / 1000.0 + (i % 3 == 0 ? random.nextDouble() / 1e6 : 0);
            assertThat(Points.format(value)).as("%s", value).isEqualTo(Points.exact(value));
        }
        assertThat(Points.format(-0.001)).isEqualTo(Points.exact(-0.001)).isEqualTo("0.00");
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.POSITIVE_INFINITY, Double.NaN})
    void shouldNameWhatIsNotANumber(double value) {
        assertThat(Points.format(value)).isEqualTo(String.valueOf(value));
    }
}
