package org.tracewall.james.matchers;

import javax.inject.Inject;

import org.tracewall.core.trace.TraceabilityChecker;
import org.tracewall.james.TracewallRuntime;

/**
 * Matches mail whose source was traced to the domain it claims (SPF pass, MX/A
 * neighbourhood, FCrDNS, registry, compensation, or an authenticated local user). The
 * condition lists which results count, default {@code traceable}.
 *
 * <pre>{@code
 * <mailet match="org.tracewall.james.matchers.IsTraceable" class="SetMimeHeader">
 *     <name>X-Tracewall-Traceable</name>
 *     <value>yes</value>
 * </mailet>
 * }</pre>
 */
public class IsTraceable extends TraceResultMatcher {
    @Inject
    public IsTraceable(TracewallRuntime runtime) {
        this(runtime.traceability());
    }

    IsTraceable(TraceabilityChecker checker) {
        super(checker);
    }

    @Override
    String defaultCondition() {
        return "traceable";
    }

    @Override
    public String getMatcherInfo() {
        return "Is Traceable";
    }
}
