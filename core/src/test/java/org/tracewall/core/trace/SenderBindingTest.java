package org.tracewall.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SenderBindingTest {
    private static final Optional<String> BOB = Optional.of("bob@tracewall.local");

    private final SenderBinding binding = new SenderBinding(
        domain -> domain.equals("tracewall.local") || domain.equals("bücher.test"),
        (user, address) -> address.equals(user));

    private static DisplayedAddresses headers(String from, String... sender) {
        return DisplayedAddresses.read(List.of(from), List.of(sender));
    }

    @Test
    void checkHeadersShouldAcceptAnExternalAuthor() {
        assertThat(binding.checkHeaders(headers("News <news@spf.test>"), Optional.empty()).refused()).isFalse();
    }

    @Test
    void checkHeadersShouldAcceptTheUsersOwnAddress() {
        assertThat(binding.checkHeaders(headers("Bob <bob@tracewall.local>"), BOB).refused()).isFalse();
    }

    @Test
    void checkHeadersShouldRequireAuthForALocalGroupMember() {
        SenderBinding.HeaderVerdict verdict = binding.checkHeaders(headers("Board: ceo@tracewall.local;"), Optional.empty());

        assertThat(verdict.refused()).isTrue();
        assertThat(verdict.outcome()).isEqualTo(SenderBinding.Outcome.AUTH_REQUIRED);
        assertThat(verdict.header()).isEqualTo("From");
        assertThat(verdict.address()).isEqualTo("ceo@tracewall.local");
    }

    @Test
    void checkHeadersShouldRefuseAUserForgingAnotherThroughAGroup() {
        SenderBinding.HeaderVerdict verdict = binding.checkHeaders(headers("Team: alice@tracewall.local;"), BOB);

        assertThat(verdict.outcome()).isEqualTo(SenderBinding.Outcome.FORGED);
        assertThat(verdict.address()).isEqualTo("alice@tracewall.local");
    }

    @Test
    void checkHeadersShouldBindTheSenderLikeTheFrom() {
        SenderBinding.HeaderVerdict verdict = binding.checkHeaders(headers("news@spf.test", "ceo@tracewall.local"),
            Optional.empty());

        assertThat(verdict.outcome()).isEqualTo(SenderBinding.Outcome.AUTH_REQUIRED);
        assertThat(verdict.header()).isEqualTo("Sender");
    }

    @Test
    void checkHeadersShouldRefuseAnUnreadableFromWithItsReason() {
        SenderBinding.HeaderVerdict verdict = binding.checkHeaders(headers("undisclosed"), BOB);

        assertThat(verdict.refused()).isTrue();
        assertThat(verdict.problem()).contains("no readable address in the From header");
    }

    @Test
    void checkShouldFindAnIdnLocalDomainHeldInUnicode() {
        assertThat(binding.checkHeaders(headers("info@BÜCHER.test"), Optional.empty()).outcome())
            .isEqualTo(SenderBinding.Outcome.AUTH_REQUIRED);
    }
}
