package org.tracewall.james.matchers;

import javax.mail.MessagingException;

import org.apache.mailet.base.GenericMatcher;

/** For a matcher that takes no condition: {@code IsSafeToBounce=strict} is a mistake, named when James starts. */
final class NoCondition {
    private NoCondition() {
    }

    static void require(GenericMatcher matcher) throws MessagingException {
        String condition = matcher.getCondition();
        if (condition != null && !condition.isBlank()) {
            throw new MessagingException(matcher.getMatcherName() + " takes no condition, not '" + condition + "'");
        }
    }
}
