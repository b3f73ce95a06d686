package org.tracewall.james.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.mail.MessagingException;

import org.apache.james.core.MaybeSender;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tracewall.core.dns.DnsResolver;
import org.tracewall.core.trace.SenderBinding;
import org.tracewall.core.trace.TraceabilityChecker;
import org.tracewall.core.trace.TraceabilityConfig;
import org.tracewall.james.TraceAttributes;

class IsSafeToBounceTest {
    private IsSafeToBounce matcher;

    @BeforeEach
    void setUp() throws Exception {
        SenderBinding binding = new SenderBinding("tracewall.local"::equals,
            (user, address) -> address.equalsIgnoreCase(user) || address.equalsIgnoreCase("sales@tracewall.local"));
        matcher = new IsSafeToBounce(TraceabilityChecker.fromConfig(DnsResolver.offline(), TraceabilityConfig.defaults()), binding);
        matcher.init(FakeMatcherConfig.builder().matcherName("IsSafeToBounce").build());
    }

    private static Attribute result(String result) {
        return new Attribute(TraceAttributes.RESULT, AttributeValue.of(result));
    }

    @Test
    void matchShouldAcceptATracedSender() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").sender("a@sender.example").recipient("b@x.example")
            .attribute(result("traceable")).build();
        assertThat(matcher.match(mail)).hasSize(1);
    }

    @Test
    void matchShouldRefuseAnUntracedSender() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").sender("a@forged.example").recipient("b@x.example")
            .attribute(result("untraceable")).build();
        assertThat(matcher.match(mail)).isEmpty();
    }

    @Test
    void matchShouldRefuseTheNullSenderEvenWhenTraced() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").sender(MaybeSender.nullSender()).recipient("b@x.example")
            .attribute(result("traceable")).build();
        assertThat(matcher.match(mail)).isEmpty();
    }

    @Test
    void matchShouldAcceptAnAuthenticatedUserSendingAsAnAddressOfTheirs() throws Exception {
        FakeMail own = authenticated("bob@tracewall.local", "bob@tracewall.local");
        FakeMail alias = authenticated("bob@tracewall.local", "sales@tracewall.local");

        assertThat(matcher.match(own)).hasSize(1);
        assertThat(matcher.match(alias)).hasSize(1);
    }

    @Test
    void matchShouldRefuseAnAuthenticatedUserWhoseSenderIsNotTheirs() throws Exception {
        FakeMail victim = authenticated("bob@tracewall.local", "ceo@bank.example");
        FakeMail colleague = authenticated("bob@tracewall.local", "carol@tracewall.local");

        assertThat(matcher.match(victim)).as("bounces would go to a third party").isEmpty();
        assertThat(matcher.match(colleague)).isEmpty();
    }

    private static FakeMail authenticated(String user, String sender) throws Exception {
        return FakeMail.builder().name("m").sender(sender).recipient("b@x.example")
            .attribute(new Attribute(org.apache.mailet.Mail.SMTP_AUTH_USER, AttributeValue.of(user))).build();
    }

    @Test
    void initShouldRefuseACondition() {
        assertThatThrownBy(() -> matcher.init(FakeMatcherConfig.builder().matcherName("IsSafeToBounce").condition("strict").build()))
            .isInstanceOf(MessagingException.class).hasMessageContaining("IsSafeToBounce takes no condition, not 'strict'");
    }
}
