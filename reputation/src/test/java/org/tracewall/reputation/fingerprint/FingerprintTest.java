package org.tracewall.reputation.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FingerprintTest {
    private static final String OFFER = "Dear friend,\nWe are pleased to offer you an exclusive discount on our premium watches this week only."
        + " Order 3 items before Friday and shipping is free to any address. Use code 4471 at checkout and visit"
        + " http://watches.example/track?id=99812 for the full catalogue of brands and models.\nBest regards, the sales team";

    @Test
    void theCopiesOfOneCampaignShouldShareAPrint() {
        Fingerprint original = Fingerprint.of(OFFER).orElseThrow();
        String copy = OFFER.replace("Dear friend,", "Hello Maria Gonzales,").replace("4471", "9032").replace("99812", "10044")
            .replace(" this week only.", " this week\nonly.");

        assertThat(Fingerprint.of(copy).orElseThrow().matches(original)).isTrue();
        assertThat(original.bands()).hasSize(Fingerprint.BANDS).doesNotHaveDuplicates();
    }

    @Test
    void differentTextsShouldNotShareOne() {
        String other = "Hi team,\nthe quarterly review meeting moves to Thursday at ten in the small conference room."
            + " Please bring the budget figures for the third quarter and the list of open hiring requests,"
            + " so that we can decide on the two positions before the end of the month.\nThanks, Paul";

        assertThat(Fingerprint.of(other).orElseThrow().matches(Fingerprint.of(OFFER).orElseThrow())).isFalse();
    }

    @Test
    void chineseTextShouldBePrintedByCharacters() {
        String spam = "本公司长期代开各类发票，增值税发票、普通发票、运输发票，税点低，信誉好，欢迎来电咨询，联系人王先生。";

        assertThat(Fingerprint.of(spam)).isPresent();
        assertThat(Fingerprint.of(spam.replace("王先生", "李小姐")).orElseThrow().matches(Fingerprint.of(spam).orElseThrow())).isTrue();
    }

    @Test
    void aTextTooShortToTellACampaignShouldHaveNoPrint() {
        assertThat(Fingerprint.of("See you at lunch tomorrow, ok?")).isEmpty();
    }
}
