package org.tracewall.james.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.junit.jupiter.api.Test;

import com.codahale.metrics.MetricRegistry;

class HookTimersTest {
    private final MetricRegistry registry = new MetricRegistry();
    private final HookTimers timers = new HookTimers(registry);

    @Test
    void eachHookClassShouldCountItsRunsAndTheMillisecondsJamesMeasured() {
        HookResult deny = HookResult.DENY;
        assertThat(timers.onHookResult(null, deny, 3, new SmtpArgumentsHook())).isSameAs(deny);
        timers.onHookResult(null, HookResult.DECLINED, 5, new SmtpArgumentsHook());
        timers.onHookResult(null, HookResult.DECLINED, 0, new ForgedHeadersHook());

        assertThat(registry.getCounters().get("tracewall-hook-SmtpArgumentsHook-count").getCount()).isEqualTo(2);
        assertThat(registry.getCounters().get("tracewall-hook-SmtpArgumentsHook-ms").getCount()).isEqualTo(8);
        assertThat(registry.getCounters().get("tracewall-hook-ForgedHeadersHook-count").getCount()).isEqualTo(1);
        assertThat(registry.getCounters()).hasSize(4);
    }

    @Test
    void initShouldRefuseAnyElement() {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty("prefix", "x");

        assertThatThrownBy(() -> timers.init(config)).isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("unknown element(s) <prefix>");
    }
}
