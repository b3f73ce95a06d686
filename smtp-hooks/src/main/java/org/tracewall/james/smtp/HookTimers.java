package org.tracewall.james.smtp;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

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

/**
 * Times every hook of its handler chain, Tracewall's and James's own, in James's metric registry:
 * per hook class, a counter of its runs, {@code tracewall-hook-GreylistHook-count}, and one of all
 * its milliseconds, {@code tracewall-hook-GreylistHook-ms}, beside James's per-command timers
 * ({@code SMTP-mail}...). Prometheus takes a rate and a mean from the two; a timer per hook
 * (a meter and a reservoir updated some twenty times per transaction) showed in the SMTP profile.
 * WebAdmin's metrics route shows them, and the load command prints them in its per-phase
 * breakdown, so that the check a regression slowed down is named. Put it anywhere in the chain;
 * it changes no result.
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
        hookMeasures.runs.inc();
        hookMeasures.millis.inc(executionTime);
        return result;
    }

    /** One hook's runs and total. */
    private static final class Measures {
        final Counter runs;
        final Counter millis;

        Measures(MetricRegistry registry, String name) {
            this.runs = registry.counter(name + "-count");
            this.millis = registry.counter(name + "-ms");
        }
    }
}
