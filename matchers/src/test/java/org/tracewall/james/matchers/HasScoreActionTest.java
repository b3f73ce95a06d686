package org.tracewall.james.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.mail.MessagingException;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Test;
import org.tracewall.james.ScoreAttributes;

class HasScoreActionTest {
    private HasScoreAction init(String condition) throws MessagingException {
        HasScoreAction matcher = new HasScoreAction();
        matcher.init(FakeMatcherConfig.builder().matcherName("HasScoreAction").condition(condition).build());
        return matcher;
    }

    @Test
    void initShouldThrowWithoutCondition() {
        assertThatThrownBy(() -> init(null)).isInstanceOf(MessagingException.class).hasMessageContaining("needs a condition");
    }

    @Test
    void initShouldThrowOnAnUnknownAction() {
        assertThatThrownBy(() -> init("tag, bin")).isInstanceOf(MessagingException.class).hasMessageContaining("'bin'");
    }

    @Test
    void matchShouldReturnAllRecipientsWhenTheActionIsListed() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").recipients("a@x.example", "b@x.example")
            .attribute(new Attribute(ScoreAttributes.ACTION, AttributeValue.of("quarantine"))).build();
        assertThat(init("tag,quarantine").match(mail)).hasSize(2);
        assertThat(init("reject").match(mail)).isEmpty();
    }

    @Test
    void matchShouldReturnNothingForMailThatWasNotScored() throws Exception {
        assertThat(init("accept").match(FakeMail.builder().name("m").recipient("a@x.example").build())).isEmpty();
    }
}
