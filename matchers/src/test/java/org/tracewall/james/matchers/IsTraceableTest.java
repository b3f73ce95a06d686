package org.tracewall.james.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.mail.MessagingException;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tracewall.core.dns.DnsResolver;
import org.tracewall.core.score.Symbol;
import org.tracewall.core.trace.TraceabilityChecker;
import org.tracewall.core.trace.TraceabilityConfig;
import org.tracewall.james.ScoreSymbols;
import org.tracewall.james.TraceAttributes;

class IsTraceableTest {
    private IsTraceable matcher;

    @BeforeEach
    void setUp() throws Exception {
        matcher = new IsTraceable(TraceabilityChecker.fromConfig(DnsResolver.offline(), TraceabilityConfig.defaults()));
    }

    private static FakeMail stored(String result) throws MessagingException {
        return FakeMail.builder().name("m").recipients("a@example.com", "b@example.com")
            .attribute(new Attribute(TraceAttributes.RESULT, AttributeValue.of(result))).build();
    }

    @Test
    void initShouldNameTheConditionAndTheMatcherOfAnUnknownResult() {
        assertThatThrownBy(() -> matcher.init(FakeMatcherConfig.builder().matcherName("IsTraceable").condition("traceable,perhaps").build()))
            .isInstanceOf(MessagingException.class)
            .hasMessage("Invalid condition 'traceable,perhaps' for IsTraceable: expected results among traceable, untraceable, unknown, temperror");
    }

    @Test
    void matchShouldReturnAllRecipientsForAStoredTraceableVerdict() throws Exception {
        matcher.init(FakeMatcherConfig.builder().matcherName("IsTraceable").build());

        assertThat(matcher.match(stored("traceable"))).hasSize(2);
    }

    @Test
    void matchShouldNotMatchTheOtherResultsByDefault() throws Exception {
        matcher.init(FakeMatcherConfig.builder().matcherName("IsTraceable").build());

        assertThat(matcher.match(stored("untraceable"))).isEmpty();
        assertThat(matcher.match(stored("unknown"))).isEmpty();
        assertThat(matcher.match(stored("temperror"))).isEmpty();
    }

    @Test
    void matchShouldHonourTheResultsOfTheCondition() throws Exception {
        matcher.init(FakeMatcherConfig.builder().matcherName("IsTraceable").condition("traceable, unknown").build());

        assertThat(matcher.match(stored("unknown"))).hasSize(2);
        assertThat(matcher.match(stored("untraceable"))).isEmpty();
    }

    @Test
    void matchShouldComputeAndStoreTheVerdictOfMailFromAnAuthorizedNetwork() throws Exception {
        matcher.init(FakeMatcherConfig.builder().matcherName("IsTraceable").build());
        FakeMail mail = FakeMail.builder().name("m").sender("a@example.com").recipient("b@example.com").remoteAddr("127.0.0.2")
            .attribute(new Attribute(AttributeName.of("org.apache.james.SMTPIsAuthNetwork"), AttributeValue.of(true))).build();

        assertThat(matcher.match(mail)).hasSize(1);
        assertThat(TraceAttributes.result(mail)).contains("traceable");
        assertThat(ScoreSymbols.read(mail)).containsExactly(Symbol.of("TRACE_TRACEABLE", 1.0, "trusted-network"));
    }

    @Test
    void matchShouldNotMatchMailThatDidNotComeOverSmtp() throws Exception {
        matcher.init(FakeMatcherConfig.builder().matcherName("IsTraceable").condition("traceable,untraceable,unknown,temperror").build());
        FakeMail mail = FakeMail.builder().name("m").recipient("a@example.com").remoteAddr("not-an-ip").build();

        assertThat(matcher.match(mail)).isEmpty();
        assertThat(TraceAttributes.result(mail)).isEmpty();
    }
}
