package org.tracewall.james.smtp;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.Hook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookResultHook;
import org.tracewall.core.config.OptionSection;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.SlidingWindowReservoir;
import com.codahale.metrics.Timer;

/**
 * Times every hook of its handler chain, Tracewall's and James's own, in James's metric registry:
 * one timer per hook class, {@code tracewall-hook-GreylistHook} (runs, and percentiles of the last
 * 1,024), and one counter of all its milliseconds, {@code tracewall-hook-GreylistHook-ms} (a
 * reservoir's mean misses what happened before its window, such as the DNS of the first clients),
 * beside James's per-command timers ({@code SMTP-mail}...). WebAdmin's metrics route shows them, and the load command prints them in
 * its per-phase breakdown, so that the check a regression slowed down is named. Put it anywhere in
 * the chain; it changes no result.
 *
 * <pre>{@code
 * <handler class="org.tracewall.james.smtp.HookTimers"/>
 * }</pre>
 *
 * James measures each hook with {@code System.currentTimeMillis()}, so one sample is a whole number
 * of milliseconds; the mean over many transactions is still right, because an interval's start
 * falls at a random point of a millisecond.
 */
public class HookTimers implements HookResultHook {
    static final String PREFIX = "tracewall-hook-";

    /** It takes no parameters: a child element is a mistake, named at start. */
    public static final OptionSection PARAMETERS = OptionSection.elements("HookTimers");

    private final MetricRegistry registry;
    private final ConcurrentMap<Class<?>, Measures> measures = new ConcurrentHashMap<>();

    @Inject
    public HookTimers(MetricRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void init(Configuration config) throws ConfigurationException {
        HandlerParameters.read(config, PARAMETERS);
    }

    @Override
    public HookResult onHookResult(SMTPSession session, HookResult result, long executionTime, Hook hook) {
        Measures hookMeasures = measures.computeIfAbsent(hook.getClass(), type -> new Measures(registry, PREFIX + type.getSimpleName()));
        hookMeasures.timer.update(executionTime, TimeUnit.MILLISECONDS);
        hookMeasures.millis.inc(executionTime);
        return result;
    }

    /** One hook's timer and total. */
    private static final class Measures {
        final Timer timer;
        final Counter millis;

        Measures(MetricRegistry registry, String name) {
            // The last 1,024 runs: Dropwizard's default reservoir inserts each sample into a skip
            // list, which with some twenty hooks per transaction showed in the SMTP profile.
            this.timer = registry.timer(name, () -> new Timer(new SlidingWindowReservoir(1024)));
            this.millis = registry.counter(name + "-ms");
        }
    }
}
