package org.tracewall.reputation.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import org.tracewall.reputation.text.MessageText;
import org.tracewall.reputation.text.MessageTextExtractor;
import org.tracewall.reputation.text.Tokenizer;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Jazzer: any bytes are a message the extractor and tokenizer can read, without an exception. */
class MessageTextFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void anyBytesShouldYieldTextAndTokens(FuzzedDataProvider data) {
        byte[] raw = data.consumeRemainingAsBytes();
        MessageText text = MessageTextExtractor.extract(raw);
        assertThat(Tokenizer.standard().tokens(text).size()).isLessThanOrEqualTo(5000);
    }
}
