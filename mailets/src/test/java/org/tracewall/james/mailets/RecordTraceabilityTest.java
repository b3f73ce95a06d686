package org.tracewall.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.mail.MessagingException;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tracewall.core.dns.DnsResolver;
import org.tracewall.core.trace.TraceabilityChecker;
import org.tracewall.core.trace.TraceabilityConfig;
import org.tracewall.james.TraceAttributes;

class RecordTraceabilityTest {
    private RecordTraceability mailet;

    @BeforeEach
    void setUp() throws Exception {
        mailet = new RecordTraceability(TraceabilityChecker.fromConfig(DnsResolver.offline(), TraceabilityConfig.defaults()));
    }

    @Test
    void initShouldThrowOnAnUnknownParameter() {
        assertThatThrownBy(() -> mailet.init(FakeMailetConfig.builder().mailetName("r").setProperty("authServId", "x").build()))
            .isInstanceOf(MessagingException.class).hasMessageContaining("authServId");
    }

    @Test
    void initShouldThrowOnAnInvalidAuthservId() {
        assertThatThrownBy(() -> mailet.init(FakeMailetConfig.builder().mailetName("r").setProperty("authservId", "mx; x").build()))
            .isInstanceOf(MessagingException.class).hasMessageContaining("authservId");
    }

    @Test
    void serviceShouldWriteTheStoredVerdictAndDropResultsForgedUnderOurName() throws Exception {
        mailet.init(FakeMailetConfig.builder().mailetName("r").setProperty("authservId", "mx.example.net").build());
        FakeMail mail = FakeMail.builder().name("m").sender("a@example.com").recipient("b@example.org")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder()
                .addHeader("Authentication-Results", "mx.example.net; spf=pass smtp.mailfrom=example.com")
                .addHeader("Authentication-Results", "other.example; dkim=pass")
                .addHeader("X-Tracewall-Trace", "result=traceable")
                .setText("body"))
            .attribute(new Attribute(TraceAttributes.RESULT, AttributeValue.of("untraceable")))
            .attribute(new Attribute(TraceAttributes.REASON, AttributeValue.of("no-evidence")))
            .attribute(new Attribute(TraceAttributes.DETAIL, AttributeValue.of("192.0.2.9 is not near example.com")))
            .attribute(new Attribute(TraceAttributes.DOMAIN, AttributeValue.of("example.com")))
            .attribute(new Attribute(TraceAttributes.SPF, AttributeValue.of("none")))
            .build();

        mailet.service(mail);

        String[] results = mail.getMessage().getHeader("Authentication-Results");
        assertThat(results).hasSize(2);
        assertThat(results[0]).isEqualTo("other.example; dkim=pass");
        assertThat(results[1]).isEqualTo("mx.example.net;\r\n\tspf=none smtp.mailfrom=example.com;\r\n"
            + "\tx-traceability=fail (192.0.2.9 is not near example.com) smtp.mailfrom=example.com");
        assertThat(mail.getMessage().getHeader("X-Tracewall-Trace")).containsExactly(
            "result=untraceable; reason=no-evidence; domain=example.com; detail=\"192.0.2.9 is not near example.com\"");
    }
}
