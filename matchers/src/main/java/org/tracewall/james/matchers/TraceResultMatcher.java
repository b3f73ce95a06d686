package org.tracewall.james.matchers;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.tracewall.core.trace.TraceResult;
import org.tracewall.core.trace.TraceabilityChecker;
import org.tracewall.james.TraceAttributes;

/**
 * Matches all recipients when the mail's traceability result is one of the results named
 * in the condition (comma separated: traceable, untraceable, unknown, temperror).
 */
abstract class TraceResultMatcher extends GenericMatcher {
    private final TraceabilityChecker checker;
    private Set<String> results;

    TraceResultMatcher(TraceabilityChecker checker) {
        this.checker = checker;
    }

    abstract String defaultCondition();

    @Override
    public void init() throws MessagingException {
        String condition = getCondition() == null || getCondition().isBlank() ? defaultCondition() : getCondition();
        try {
            results = Stream.of(condition.split(",")).map(String::trim).map(TraceResult::fromCode).map(TraceResult::code)
                .collect(Collectors.toUnmodifiableSet());
        } catch (IllegalArgumentException e) {
            throw new MessagingException("Invalid condition '" + condition + "' for " + getMatcherName()
                + ": expected results among traceable, untraceable, unknown, temperror");
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        boolean matches = TraceAttributes.ensureResult(mail, checker).map(results::contains).orElse(false);
        return matches ? mail.getRecipients() : Set.of();
    }
}
