package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;

/**
 * Configuration mistakes that would otherwise pass silently stop a real James's start, with a
 * message naming them: a misspelt handler element, and greylisting of untraceable mail in a chain
 * that has no traceability check (every message would be greylisted).
 */
class StartupChecksIntegrationTest {
    @Test
    void aMisspeltHandlerElementShouldStopJamesNamingIt() throws Exception {
        String smtp = Gateway.sample("smtpserver.xml").replaceFirst("<untraceable>reject</untraceable>", "<untracable>reject</untracable>");

        assertThat(startupFailure(smtp)).contains("TraceabilityHook: unknown element(s) <untracable>");
    }

    @Test
    void greylistingWithoutTraceabilityShouldStopJames() throws Exception {
        String smtp = Gateway.sample("smtpserver.xml")
            .replaceFirst("(?s)<handler class=\"org.tracewall.james.smtp.TraceabilityHook\">.*?</handler>", "");

        assertThat(startupFailure(smtp)).contains("GreylistHook with <apply>untraceable</apply> needs TraceabilityHook");
    }

    /** The messages of the failure's cause chain, or "" when James started. */
    private static String startupFailure(String smtpserver) throws Exception {
        try (LoopbackDnsServer dns = LoopbackDnsServer.startOrFail()) {
            TracewallJamesExtension james = Gateway.builder(dns).confFile("smtpserver.xml", smtpserver).build();
            Throwable failure = catchThrowable(james::start);
            james.stop();
            StringBuilder messages = new StringBuilder();
            for (Throwable t = failure; t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
            }
            return messages.toString();
        }
    }
}
