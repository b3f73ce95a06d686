package org.tracewall.james.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;

import javax.mail.MessagingException;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.rrt.api.CanSendFrom;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.tracewall.james.JamesSenderBinding;

import reactor.core.publisher.Mono;

class IsForgedLocalSenderTest {
    private static final Domain LOCAL = Domain.of("tracewall.local");

    private IsForgedLocalSender matcher;

    @BeforeEach
    void setUp() throws Exception {
        matcher = new IsForgedLocalSender(new JamesSenderBinding(domains(), ownAddressOnly()));
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

    private static DomainList domains() {
        return new DomainList() {
            @Override
            public List<Domain> getDomains() {
                return List.of(LOCAL);
            }

            @Override
            public boolean containsDomain(Domain domain) {
                return LOCAL.equals(domain);
            }

            @Override
            public void addDomain(Domain domain) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void removeDomain(Domain domain) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Domain getDefaultDomain() {
                return LOCAL;
            }
        };
    }

    private static CanSendFrom ownAddressOnly() {
        return new CanSendFrom() {
            @Override
            public boolean userCanSendFrom(Username user, Username from) {
                return user.equals(from);
            }

            @Override
            public Publisher<Boolean> userCanSendFromReactive(Username user, Username from) {
                return Mono.just(userCanSendFrom(user, from));
            }

            @Override
            public Stream<MailAddress> allValidFromAddressesForUser(Username user) {
                return Stream.empty();
            }
        };
    }

    @Test
    void initShouldRefuseACondition() {
        assertThatThrownBy(() -> matcher.init(FakeMatcherConfig.builder().matcherName("IsForgedLocalSender").condition("strict").build()))
            .isInstanceOf(MessagingException.class).hasMessageContaining("IsForgedLocalSender takes no condition, not 'strict'");
    }
}
