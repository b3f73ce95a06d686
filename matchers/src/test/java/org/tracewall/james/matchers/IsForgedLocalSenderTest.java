package org.tracewall.james.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.mail.MessagingException;

import org.apache.james.core.Domain;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tracewall.james.JamesSenderBinding;
import org.tracewall.james.testing.FakeDomainList;
import org.tracewall.james.testing.OwnAddressOnly;

class IsForgedLocalSenderTest {
    private static final Domain LOCAL = Domain.of("tracewall.local");

    private IsForgedLocalSender matcher;

    @BeforeEach
    void setUp() throws Exception {
        matcher = new IsForgedLocalSender(new JamesSenderBinding(new FakeDomainList(), new OwnAddressOnly()));
        matcher.init(FakeMatcherConfig.builder().matcherName("IsForgedLocalSender").build());
    }

    @Test
    void matchShouldNotMatchAWellFormedExternalFrom() throws Exception {
        assertThat(matcher.match(mail("news@spf.test", null, "From", "News <news@spf.test>"))).isEmpty();
    }

    @Test
    void matchShouldMatchALocalGroupMemberWithoutAuth() throws Exception {
        assertThat(matcher.match(mail("news@spf.test", null, "From", "Board: ceo@tracewall.local;"))).hasSize(1);
    }

    @Test
    void matchShouldMatchAnUnbalancedLocalAddressWithoutAuth() throws Exception {
        assertThat(matcher.match(mail("news@spf.test", null, "From", "CEO <ceo@tracewall.local"))).hasSize(1);
    }

    @Test
    void matchShouldMatchAFromWithoutAReadableAddress() throws Exception {
        assertThat(matcher.match(mail("news@spf.test", null, "From", "undisclosed"))).hasSize(1);
    }

    @Test
    void matchShouldMatchALocalSenderHeaderWithoutAuth() throws Exception {
        assertThat(matcher.match(mail("news@spf.test", null, "Sender", "ceo@tracewall.local"))).hasSize(1);
    }

    @Test
    void matchShouldMatchAUserForgingAnotherThroughAGroup() throws Exception {
        assertThat(matcher.match(mail("bob@tracewall.local", "bob@tracewall.local", "From", "Team: alice@tracewall.local;")))
            .hasSize(1);
    }

    @Test
    void matchShouldNotMatchTheUsersOwnFrom() throws Exception {
        assertThat(matcher.match(mail("bob@tracewall.local", "bob@tracewall.local", "From", "Bob <bob@tracewall.local>")))
            .isEmpty();
    }

    private static Mail mail(String sender, String authUser, String header, String value) throws Exception {
        FakeMail.Builder mail = FakeMail.builder().name("m").sender(sender).recipient("carol@tracewall.local")
            .remoteAddr("127.0.0.2")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().addHeader(header, value).setSubject("s").setText("hi"));
        if (authUser != null) {
            mail.attribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of(authUser)));
        }
        return mail.build();
    }

    @Test
    void initShouldRefuseACondition() {
        assertThatThrownBy(() -> matcher.init(FakeMatcherConfig.builder().matcherName("IsForgedLocalSender").condition("strict").build()))
            .isInstanceOf(MessagingException.class).hasMessageContaining("IsForgedLocalSender takes no condition, not 'strict'");
    }
}
