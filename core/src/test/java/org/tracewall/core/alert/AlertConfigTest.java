package org.tracewall.core.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class AlertConfigTest {
    @Test
    void withNowhereToSendNothingShouldBeChecked() {
        assertThat(AlertConfig.fromProperties(Map.of()).enabled()).isFalse();
        assertThat(AlertConfig.fromProperties(Map.of("alert.mailTo", "ops@example.com")).enabled()).isTrue();
    }

    @Test
    void badValuesShouldBeRefusedNamingTheKey() {
        assertThatThrownBy(() -> AlertConfig.fromProperties(Map.of("alert.webhook", "ftp://example.com/hooks/xoxb-secret")))
            .hasMessageContaining("alert.webhook").hasMessageContaining("http").hasMessageNotContaining("xoxb-secret");
        assertThatThrownBy(() -> AlertConfig.fromProperties(Map.of("alert.mailTo", "ops")))
            .hasMessageContaining("alert.mailTo");
        assertThatThrownBy(() -> AlertConfig.fromProperties(Map.of("alert.rejectedShare", "1.5")))
            .hasMessageContaining("alert.rejectedShare");
        assertThatThrownBy(() -> AlertConfig.fromProperties(Map.of("alert.ownAddresses", "192.0.2.0/24")))
            .hasMessageContaining("alert.ownAddresses");
        assertThatThrownBy(() -> AlertConfig.fromProperties(Map.of("alert.intervall", "1m")))
            .hasMessageContaining("alert.intervall");
    }
}
