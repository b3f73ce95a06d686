package org.tracewall.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tracewall.core.operator.OperatorRole;

class WebAdminAccessConfigTest {
    @Test
    void rolesShouldComeFromTheListsAndEveryoneElseIsAUser() {
        WebAdminAccessConfig config = WebAdminAccessConfig.fromProperties(Map.of("webadmin.admins", "Admin@Example.com",
            "webadmin.auditors", "audit@example.com, second@example.com"));

        assertThat(config.roleOf("admin@example.com")).isEqualTo(OperatorRole.ADMIN);
        assertThat(config.roleOf("second@example.com")).isEqualTo(OperatorRole.AUDITOR);
        assertThat(config.roleOf("bob@example.com")).isEqualTo(OperatorRole.USER);
    }

    @Test
    void byDefaultNobodyIsAdminAndASignInLastsEightHours() {
        WebAdminAccessConfig config = WebAdminAccessConfig.fromProperties(Map.of());

        assertThat(config.roleOf("postmaster@example.com")).isEqualTo(OperatorRole.USER);
        assertThat(config.sessionLifetime()).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void aMisspeltKeyShouldBeNamed() {
        assertThatThrownBy(() -> WebAdminAccessConfig.fromProperties(Map.of("webadmin.admin", "a@example.com")))
            .hasMessageContaining("webadmin.admin");
    }
}
