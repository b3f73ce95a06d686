package org.tracewall.james.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.junit.jupiter.api.Test;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;

class HookTimersTest {
    private final MetricRegistry registry = new MetricRegistry();
    private final HookTimers timers = new HookTimers(registry);

    @Test
    void eachHookClassShouldGetItsOwnTimerWithTheTimeJamesMeasured() {
        HookResult deny = HookResult.DENY;
        assertThat(timers.onHookResult(null, deny, 3, new SmtpArgumentsHook())).isSameAs(deny);
        timers.onHookResult(null, HookResult.DECLINED, 5, new SmtpArgumentsHook());
        timers.onHookResult(null, HookResult.DECLINED, 0, new ForgedHeadersHook());

        Timer arguments = registry.getTimers().get("tracewall-hook-SmtpArgumentsHook");
        assertThat(arguments.getCount()).isEqualTo(2);
        assertThat(arguments.getSnapshot().getMax()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(5));
        assertThat(arguments.getSnapshot().getMin()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(3));
        assertThat(registry.getTimers().get("tracewall-hook-ForgedHeadersHook").getCount()).isEqualTo(1);
        assertThat(registry.getTimers()).hasSize(2);
        assertThat(registry.getCounters().get("tracewall-hook-SmtpArgumentsHook-ms").getCount()).isEqualTo(8);
    }

    @Test
    void initShouldRefuseAnyElement() {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty("prefix", "x");

        assertThatThrownBy(() -> timers.init(config)).isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("unknown element(s) <prefix>");
    }
}
