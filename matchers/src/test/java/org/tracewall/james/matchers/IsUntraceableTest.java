package org.tracewall.james.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.mail.MessagingException;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tracewall.core.dns.DnsResolver;
import org.tracewall.core.trace.TraceabilityChecker;
import org.tracewall.core.trace.TraceabilityConfig;
import org.tracewall.james.TraceAttributes;

class IsUntraceableTest {
    private IsUntraceable matcher;

    @BeforeEach
    void setUp() throws Exception {
        matcher = new IsUntraceable(TraceabilityChecker.fromConfig(DnsResolver.offline(), TraceabilityConfig.defaults()));
    }

    @Test
    void initShouldThrowOnAnUnknownResult() {
        assertThatThrownBy(() -> matcher.init(FakeMatcherConfig.builder().matcherName("IsUntraceable")
            .condition("untraceable,maybe").build()))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("untraceable,maybe");
    }

    @Test
    void matchShouldReturnAllRecipientsForAStoredUntraceableVerdict() throws Exception {
        matcher.init(FakeMatcherConfig.builder().matcherName("IsUntraceable").build());
        FakeMail mail = FakeMail.builder().name("m").recipients("a@example.com", "b@example.com")
            .attribute(new Attribute(TraceAttributes.RESULT, AttributeValue.of("untraceable"))).build();

        assertThat(matcher.match(mail)).hasSize(2);
    }

    @Test
    void matchShouldHonourTheResultsOfTheCondition() throws Exception {
        matcher.init(FakeMatcherConfig.builder().matcherName("IsUntraceable").condition("unknown, temperror").build());
        FakeMail untraceable = FakeMail.builder().name("m1").recipient("a@example.com")
            .attribute(new Attribute(TraceAttributes.RESULT, AttributeValue.of("untraceable"))).build();
        FakeMail unknown = FakeMail.builder().name("m2").recipient("a@example.com")
            .attribute(new Attribute(TraceAttributes.RESULT, AttributeValue.of("unknown"))).build();

        assertThat(matcher.match(untraceable)).isEmpty();
        assertThat(matcher.match(unknown)).hasSize(1);
    }

    @Test
    void matchShouldNotMatchMailThatDidNotComeOverSmtp() throws Exception {
        matcher.init(FakeMatcherConfig.builder().matcherName("IsUntraceable").build());
        FakeMail mail = FakeMail.builder().name("m").recipient("a@example.com").remoteAddr("not-an-ip").build();

        assertThat(matcher.match(mail)).isEmpty();
    }
}
