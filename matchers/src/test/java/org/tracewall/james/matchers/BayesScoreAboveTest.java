package org.tracewall.james.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.mail.MessagingException;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Test;
import org.tracewall.james.BayesAttributes;

class BayesScoreAboveTest {
    private BayesScoreAbove init(String condition) throws MessagingException {
        BayesScoreAbove matcher = new BayesScoreAbove();
        matcher.init(FakeMatcherConfig.builder().matcherName("BayesScoreAbove").condition(condition).build());
        return matcher;
    }

    @Test
    void initShouldThrowOnANonNumber() {
        assertThatThrownBy(() -> init("high")).isInstanceOf(MessagingException.class).hasMessageContaining("'high'");
    }

    @Test
    void initShouldThrowOutsideZeroToOne() {
        assertThatThrownBy(() -> init("1.5")).isInstanceOf(MessagingException.class).hasMessageContaining("'1.5'");
    }

    @Test
    void matchShouldCompareTheRecordedProbability() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").recipient("a@x.example")
            .attribute(new Attribute(BayesAttributes.PROBABILITY, AttributeValue.of(0.97))).build();
        assertThat(init("0.9").match(mail)).hasSize(1);
        assertThat(init("0.99").match(mail)).isEmpty();
        assertThat(init("0.5").match(FakeMail.builder().name("n").recipient("a@x.example").build())).isEmpty();
    }
}
