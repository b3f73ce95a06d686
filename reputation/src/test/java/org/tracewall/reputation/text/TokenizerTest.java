package org.tracewall.reputation.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TokenizerTest {
    private static MessageText text(String subject, String body) {
        return new MessageText(subject, "Alice <alice@Example.COM>", body, List.of("shop.evil.example"), List.of("text/plain"),
            List.of("mx.example.net"));
    }

    @Test
    void tokensShouldCutChineseIntoBigramsAndTrigramsAcrossSeparatorsAndFoldFullWidth() {
        Set<String> tokens = Tokenizer.standard().tokens(text("", "代开 发*票 电话：１３８１２３４５６７８"));
        assertThat(tokens).contains("代开", "开发", "发票", "代开发", "开发票", "13812345678", "num:11")
            .doesNotContain("代", "*");
    }

    @Test
    void tokensShouldPrefixHeaderOrigins() {
        Set<String> tokens = Tokenizer.standard().tokens(text("Free Offer", "hello world"));
        assertThat(tokens).contains("subject:free", "subject:offer", "from-domain:example.com", "url:shop.evil.example",
            "url:evil.example", "rcvd:mx.example.net", "mime:text/plain", "hello", "world");
    }

    @Test
    void tokensShouldSkipShortWordsAndSummariseLongOnes() {
        Set<String> tokens = Tokenizer.standard().tokens(text("", "an ox supercalifragilistic"));
        assertThat(tokens).contains("skip:s 20").doesNotContain("an", "ox");
    }

    @Test
    void unigramModeShouldAddSingleCharacters() {
        Set<String> tokens = new Tokenizer(Tokenizer.CjkMode.UNIGRAMS_AND_BIGRAMS).tokens(text("", "发票"));
        assertThat(tokens).contains("发票", "发", "票");
    }
}
