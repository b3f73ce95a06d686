package org.tracewall.james.smtp;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.apache.james.protocols.api.handler.WiringException;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.james.smtpserver.SetMimeHeaderHandler;
import org.junit.jupiter.api.Test;

/** ScoreHook reads the symbols the other message hooks record: a Tracewall message hook after it stops James's start. */
class ScoreHookWiringTest {
    private final ScoreHook score = new ScoreHook(null, null, null, null);

    @Test
    void aTracewallHookAfterScoreHookShouldStopTheStart() {
        List<JamesMessageHook> chain = List.of(new HeaderLimitsHook(), score, new DmarcHook(null, null));

        assertThatThrownBy(() -> score.wireExtensions(JamesMessageHook.class, chain)).isInstanceOf(WiringException.class)
            .hasMessageContaining("ScoreHook must come after").hasMessageEndingWith("move it after DmarcHook in the handler chain");
    }

    @Test
    void scoreHookAfterEveryTracewallHookShouldStartWhateverJamesHasAfterIt() {
        JamesMessageHook james = new SetMimeHeaderHandler();

        assertThatCode(() -> score.wireExtensions(JamesMessageHook.class, List.of(new DmarcHook(null, null), score, james)))
            .doesNotThrowAnyException();
    }
}
