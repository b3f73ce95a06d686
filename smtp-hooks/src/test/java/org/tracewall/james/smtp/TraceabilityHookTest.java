package org.tracewall.james.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.Username;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.utils.BaseFakeSMTPSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tracewall.core.dns.DnsResolver;
import org.tracewall.core.trace.TraceResult;
import org.tracewall.core.trace.TraceabilityChecker;
import org.tracewall.core.trace.TraceabilityConfig;

class TraceabilityHookTest {
    private TraceabilityHook hook;

    @BeforeEach
    void setUp() throws Exception {
        hook = new TraceabilityHook(TraceabilityChecker.fromConfig(DnsResolver.offline(), TraceabilityConfig.defaults()));
    }

    private static BaseHierarchicalConfiguration config(String key, String value) {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty(key, value);
        return config;
    }

    @Test
    void initShouldRefuseRejectingOnTemporaryErrors() {
        assertThatThrownBy(() -> hook.init(config("temperror", "reject")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("TraceabilityHook: Invalid value for '<temperror>': 'reject' (expected defer or accept: a DNS failure is temporary)");
    }

    @Test
    void initShouldNameTheElementOfAnUnknownAction() {
        assertThatThrownBy(() -> hook.init(config("untraceable", "drop")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("TraceabilityHook: Invalid value for '<untraceable>': 'drop' (expected one of reject, defer, accept)");
    }

    @Test
    void initShouldDefaultToRejectAcceptDefer() throws Exception {
        hook.init(new BaseHierarchicalConfiguration());

        assertThat(hook.actionFor(TraceResult.UNTRACEABLE)).contains(HookAction.REJECT);
        assertThat(hook.actionFor(TraceResult.UNKNOWN)).contains(HookAction.ACCEPT);
        assertThat(hook.actionFor(TraceResult.TEMPERROR)).contains(HookAction.DEFER);
    }

    @Test
    void doMailShouldSkipClientsThatMayRelay() throws Exception {
        hook.init(new BaseHierarchicalConfiguration());
        BaseFakeSMTPSession session = new BaseFakeSMTPSession() {
            @Override
            public boolean isRelayingAllowed() {
                return true;
            }

            @Override
            public Username getUsername() {
                return null;
            }

            @Override
            public InetSocketAddress getRemoteAddress() {
                return new InetSocketAddress("192.0.2.1", 25);
            }
        };

        assertThat(hook.doMail(session, MaybeSender.of(new MailAddress("a@example.com"))).getResult().getAction())
            .isEqualTo(HookReturnCode.Action.DECLINED);
    }
}
