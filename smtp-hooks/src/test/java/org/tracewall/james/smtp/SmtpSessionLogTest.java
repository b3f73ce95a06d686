package org.tracewall.james.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Collectors;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.tracewall.james.SmtpSessionId;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

class SmtpSessionLogTest {
    private final RecordingMetricFactory metrics = new RecordingMetricFactory();
    private final SmtpSessionLog log = new SmtpSessionLog(metrics);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(SmtpSessionLog.class);

    private Level level;

    @BeforeEach
    void capture() {
        lines.start();
        logger.addAppender(lines);
        level = logger.getLevel();
        logger.setLevel(Level.INFO);
    }

    @AfterEach
    void release() {
        logger.setLevel(level);
        logger.detachAppender(lines);
    }

    private String logged() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.joining("\n"));
    }

    @Test
    void initShouldRefuseAnyElement() {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty("level", "debug");

        assertThatThrownBy(() -> log.init(config)).isInstanceOf(ConfigurationException.class).hasMessageContaining("<level>");
    }

    @Test
    void aRefusalShouldBeLoggedWithTheSessionTheHookAndTheReplyAndPassedOnUnchanged() {
        HookResult refusal = HookResult.builder().hookReturnCode(HookReturnCode.deny()).smtpReturnCode("550")
            .smtpDescription("5.7.23 spf-fail: evil\r\nX-Injected: yes").build();

        assertThat(log.onHookResult(new FakeSession("192.0.2.9"), refusal, 1, new SmtpArgumentsHook())).isSameAs(refusal);
        log.onHookResult(new FakeSession("192.0.2.9"), HookResult.builder().hookReturnCode(HookReturnCode.denySoft()).build(), 0,
            new SmtpArgumentsHook());

        assertThat(logged()).contains("tracewall-refusal session=session-192.0.2.9 ip=192.0.2.9 hook=SmtpArgumentsHook reply=550 5.7.23 spf-fail")
            .contains("reply=4xx").doesNotContain("\r\nX-Injected");
        assertThat(metrics.countFor("tracewall.refusal.SmtpArgumentsHook.550")).isEqualTo(1);
        assertThat(metrics.countFor("tracewall.refusal.SmtpArgumentsHook.4xx")).isEqualTo(1);
    }

    @Test
    void whatIsNotRefusedShouldNotBeLogged() {
        log.onHookResult(new FakeSession("192.0.2.9"), HookResult.DECLINED, 0, new SmtpArgumentsHook());
        log.onHookResult(new FakeSession("192.0.2.9"), HookResult.OK, 0, new SmtpArgumentsHook());

        assertThat(lines.list).isEmpty();
        assertThat(metrics.countFor("tracewall.refusal.SmtpArgumentsHook.550")).isZero();
    }

    @Test
    void eachMailShouldCarryItsSessionId() throws Exception {
        FakeMail mail = FakeMail.builder().name("m1").build();

        log.onMessage(new FakeSession("192.0.2.9"), mail);

        assertThat(SmtpSessionId.of(mail)).isEqualTo("session-192.0.2.9");
    }
}
