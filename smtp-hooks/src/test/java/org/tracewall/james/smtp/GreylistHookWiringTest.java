package org.tracewall.james.smtp;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;

import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;
import org.apache.james.protocols.api.handler.WiringException;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.junit.jupiter.api.Test;
import org.tracewall.core.trace.TraceabilityChecker;
import org.tracewall.greylist.Greylist;

/** Greylisting only untraceable mail needs the traceability verdict: a chain without it stops James's start. */
class GreylistHookWiringTest {
    @Test
    void aChainWithoutTraceabilityShouldStopTheStart() throws Exception {
        GreylistHook greylist = configured("untraceable");

        assertThatThrownBy(() -> greylist.wireExtensions(MailHook.class, List.of(new SmtpArgumentsHook())))
            .isInstanceOf(WiringException.class).hasMessageContaining("needs TraceabilityHook in the same handler chain");
    }

    @Test
    void theSameMistakeShouldBeCaughtWhenJamesWiresBeforeItConfigures() throws Exception {
        GreylistHook greylist = new GreylistHook((Greylist) null);
        greylist.wireExtensions(MailHook.class, List.of());

        assertThatThrownBy(() -> greylist.init(handler("untraceable"))).isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("needs TraceabilityHook");
    }

    @Test
    void aChainWithTraceabilityOrGreylistingEverythingShouldStart() throws Exception {
        assertThatCode(() -> configured("untraceable").wireExtensions(MailHook.class,
            List.of(new SmtpArgumentsHook(), new TraceabilityHook((TraceabilityChecker) null)))).doesNotThrowAnyException();
        assertThatCode(() -> configured("all").wireExtensions(MailHook.class, List.of())).doesNotThrowAnyException();
    }

    private static GreylistHook configured(String apply) throws Exception {
        GreylistHook greylist = new GreylistHook((Greylist) null);
        greylist.init(handler(apply));
        return greylist;
    }

    private static XMLConfiguration handler(String apply) throws ConfigurationException {
        XMLConfiguration config = new XMLConfiguration();
        new FileHandler(config).load(new StringReader(
            "<handler class=\"org.tracewall.james.smtp.GreylistHook\"><apply>" + apply + "</apply></handler>"));
        return config;
    }
}
