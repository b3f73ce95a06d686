package org.tracewall.james.matchers;

import javax.inject.Inject;

import org.tracewall.core.trace.TraceabilityChecker;
import org.tracewall.james.TracewallRuntime;

/**
 * Matches mail whose source cannot be traced to the domain it claims. Uses the
 * verdict the {@code TraceabilityHook} stored, or computes it from the SMTP facts James
 * recorded (annotate mode). The condition lists which results count, default
 * {@code untraceable}.
 *
 * <pre>{@code
 * <mailet match="org.tracewall.james.matchers.IsUntraceable=untraceable" class="AddSubjectPrefix">
 *     <subjectPrefix>[untraceable]</subjectPrefix>
 * </mailet>
 * }</pre>
 */
public class IsUntraceable extends TraceResultMatcher {
    @Inject
    public IsUntraceable(TracewallRuntime runtime) {
        this(runtime.traceability());
    }

    IsUntraceable(TraceabilityChecker checker) {
        super(checker);
    }

    @Override
    String defaultCondition() {
        return "untraceable";
    }

    @Override
    public String getMatcherInfo() {
        return "Is Untraceable";
    }
}
