package org.tracewall.james.matchers;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collection;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Test;

class NoConditionTest {
    /** A matcher whose init does nothing, so that each test calls require itself. */
    private static final class Plain extends GenericMatcher {
        @Override
        public Collection<MailAddress> match(Mail mail) {
            return mail.getRecipients();
        }
    }

    private static GenericMatcher matcher(String condition) throws MessagingException {
        Plain matcher = new Plain();
        matcher.init(FakeMatcherConfig.builder().matcherName("IsSafeToBounce").condition(condition).build());
        return matcher;
    }

    @Test
    void requireShouldRefuseAConditionNamingTheMatcherAndTheCondition() throws Exception {
        GenericMatcher matcher = matcher("strict");

        assertThatThrownBy(() -> NoCondition.require(matcher))
            .isInstanceOf(MessagingException.class)
            .hasMessage("IsSafeToBounce takes no condition, not 'strict'");
    }

    @Test
    void requireShouldAcceptAMatcherWithoutCondition() throws Exception {
        GenericMatcher matcher = matcher(null);

        assertThatCode(() -> NoCondition.require(matcher)).doesNotThrowAnyException();
    }

    @Test
    void requireShouldAcceptABlankCondition() throws Exception {
        GenericMatcher matcher = matcher("  ");

        assertThatCode(() -> NoCondition.require(matcher)).doesNotThrowAnyException();
    }
}
