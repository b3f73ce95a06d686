package org.tracewall.james.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmtpArgumentsHookTest {
    @ParameterizedTest
    @ValueSource(strings = {"evil.invalid\rX-Injected: yes", "a\nb", "tab\there", "del\u007f", "nel\u0085line", "c1\u009b",
        "ls\u2028x", "ps\u2029x"})
    void controlAndLineBreakingCharactersShouldBeFound(String argument) {
        assertThat(SmtpArgumentsHook.hasControlCharacter(argument)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mail.example.org", "[192.0.2.1]", "bob@tracewall.local", "用户@例子.中国", "é@ü.example"})
    void ordinaryArgumentsShouldPass(String argument) {
        assertThat(SmtpArgumentsHook.hasControlCharacter(argument)).isFalse();
    }
}
