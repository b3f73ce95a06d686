package org.tracewall.core.score;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SymbolTest {
    @Test
    void detailShouldBeOnePrintableLineOfAtMost200Chars() {
        assertThat(Symbol.of("HELO_BAD", 1, "evil\r\nX-Spam: no\t\u0085").detail()).isEqualTo("evil  X-Spam: no  ");
        assertThat(Symbol.of("HELO_BAD", 1, "a".repeat(300)).detail()).hasSize(200);
        assertThat(Symbol.of("HELO_BAD", 1, "mx.example.org").detail()).isEqualTo("mx.example.org");
    }

    @Test
    void decodeShouldReadWhatEncodeWrote() {
        Symbol symbol = Symbol.of("DNSBL_ZEN", 0.5, "127.0.0.2 listed");
        assertThat(Symbol.decode(symbol.encode())).isEqualTo(symbol);
        assertThat(Symbol.decode("BAYES_SPAM")).isEqualTo(Symbol.of("BAYES_SPAM"));
    }
}
