package org.tracewall.core.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PointsTest {
    @ParameterizedTest
    @ValueSource(doubles = {0, 1, 12.5, 12.345, 12.355, -1.25, -3, 0.05, 0.004, 99.999, 1234567.891, 7.1, -0.75})
    void shouldPrintWhatStringFormatPrints(double value) {
        assertThat(Points.format(value)).isEqualTo(String.format(Locale.ROOT, "%.2f", value));
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.POSITIVE_INFINITY, Double.NaN})
    void shouldNameWhatIsNotANumber(double value) {
        assertThat(Points.format(value)).isEqualTo(String.valueOf(value));
    }
}
