package org.tracewall.james.smtp;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;
import org.junit.jupiter.api.Test;

/** A {@code <handler>} element as James hands it to the hook's init: a misspelt child stops the start, named. */
class HandlerParametersTest {
    @Test
    void aMisspeltElementShouldStopTheHookNamingItAndTheKnownOnes() throws Exception {
        BaseHierarchicalConfiguration handler = handler("<handler class=\"org.tracewall.james.smtp.TraceabilityHook\">"
            + "<untracable>reject</untracable><unknown>accept</unknown></handler>");

        assertThatThrownBy(() -> new TraceabilityHook((org.tracewall.core.trace.TraceabilityChecker) null).init(handler))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("TraceabilityHook: unknown element(s) <untracable> (known: untraceable, unknown, temperror, dkim)");
    }

    @Test
    void aHookWithoutParametersShouldRefuseAnyChild() throws Exception {
        BaseHierarchicalConfiguration handler = handler(
            "<handler class=\"org.tracewall.james.smtp.SmtpArgumentsHook\"><strict>true</strict></handler>");

        assertThatThrownBy(() -> new SmtpArgumentsHook().init(handler)).hasMessageContaining("<strict> (it takes none)");
    }

    @Test
    void knownElementsAndTheClassAttributeShouldPass() throws Exception {
        BaseHierarchicalConfiguration handler = handler("<handler class=\"org.tracewall.james.smtp.HeaderLimitsHook\">"
            + "<maxHeaders>100</maxHeaders><maxHeaderBytes>65536</maxHeaderBytes></handler>");

        assertThatCode(() -> new HeaderLimitsHook().init(handler)).doesNotThrowAnyException();
    }

    private static BaseHierarchicalConfiguration handler(String xml) throws ConfigurationException {
        XMLConfiguration config = new XMLConfiguration();
        new FileHandler(config).load(new StringReader(xml));
        return config;
    }
}
