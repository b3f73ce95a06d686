package org.tracewall.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DisplayedAddressesTest {
    private static DisplayedAddresses from(String value) {
        return DisplayedAddresses.read(List.of(value), List.of());
    }

    @Nested
    class WellFormed {
        @Test
        void readShouldTakeTheAddressOfANameAddr() {
            DisplayedAddresses read = from("Alice <alice@example.org>");

            assertThat(read.problem()).isEmpty();
            assertThat(read.from()).containsExactly("alice@example.org");
        }

        @Test
        void readShouldTakeABareAddress() {
            assertThat(from("alice@example.org").from()).containsExactly("alice@example.org");
        }

        @Test
        void readShouldTakeEveryMailboxOfAList() {
            assertThat(from("a@x.test, b@y.test").from()).containsExactly("a@x.test", "b@y.test");
        }

        @Test
        void readShouldDecodeAChineseDisplayNameAndKeepTheAddress() {
            DisplayedAddresses read = from("=?GB2312?B?1cXI/Q==?= <zhang@example.cn>");

            assertThat(read.problem()).isEmpty();
            assertThat(read.from()).containsExactly("zhang@example.cn");
        }

        @Test
        void readShouldUnfoldAFoldedValue() {
            assertThat(from("=?GB2312?B?tq3Kwrvh?=\r\n <board@example.cn>").from()).containsExactly("board@example.cn");
        }

        @Test
        void readShouldAcceptAMissingFrom() {
            DisplayedAddresses read = DisplayedAddresses.read(List.of(), List.of());

            assertThat(read.problem()).isEmpty();
            assertThat(read.from()).isEmpty();
        }

        @Test
        void readShouldTakeTheSenderApartFromTheFrom() {
            DisplayedAddresses read = DisplayedAddresses.read(List.of("a@x.test"), List.of("Secretary <s@y.test>"));

            assertThat(read.from()).containsExactly("a@x.test");
            assertThat(read.sender()).containsExactly("s@y.test");
        }

        @Test
        void readShouldUnquoteAQuotedLocalPartThatNeedsNoQuotes() {
            assertThat(from("\"bob\"@tracewall.local").from()).containsExactly("bob@tracewall.local");
        }
    }

    @Nested
    class WhatAClientCouldDisplay {
        @Test
        void readShouldTakeTheMembersOfAGroup() {
            assertThat(from("Board: ceo@tracewall.local;").from()).containsExactly("ceo@tracewall.local");
        }

        @Test
        void readShouldTakeAnUnbalancedAngleAddress() {
            assertThat(from("CEO <ceo@tracewall.local").from()).containsExactly("ceo@tracewall.local");
        }

        @Test
        void readShouldTakeAnAddressClosedWithoutOpening() {
            assertThat(from("CEO ceo@tracewall.local>").from()).containsExactly("ceo@tracewall.local");
        }

        @Test
        void readShouldNormaliseCaseAndTheTrailingDot() {
            assertThat(from("\"x\" <ceo@TRACEWALL.LOCAL.>").from()).containsExactly("ceo@tracewall.local");
        }

        @Test
        void readShouldDecodeAQEncodedAddress() {
            assertThat(from("=?utf-8?q?ceo=40tracewall=2Elocal?=").from()).containsExactly("ceo@tracewall.local");
        }

        @Test
        void readShouldDecodeABEncodedAddressInAnyCharsetJavaKnows() {
            assertThat(from("=?iso-8859-1?B?Y2VvQHRyYWNld2FsbC5sb2NhbA==?=").from()).containsExactly("ceo@tracewall.local");
        }

        @Test
        void readShouldJoinAdjacentEncodedWords() {
            assertThat(from("=?utf-8?q?ceo?= =?utf-8?q?=40tracewall.local?=").from()).containsExactly("ceo@tracewall.local");
        }

        @ParameterizedTest
        @ValueSource(strings = {"=?no-such-charset?q?ceo=40tracewall.local?= <x@y.test>",
            "=?utf-7?q?ceo+AEA-tracewall.local?= <x@y.test>", "=?utf-8?q?ceo=4?= <x@y.test>",
            "x@y.test (=?utf-8?q?=ZZ?=)"})
        void readShouldRefuseAnEncodedWordItCannotDecode(String value) {
            // Some clients decode UTF-7 or lenient Q all the same, and would show ceo@tracewall.local.
            DisplayedAddresses read = from(value);

            assertThat(read.problem()).get().asString().contains("cannot be decoded");
        }

        @Test
        void readShouldTakeAnAddressWithSpacesAroundTheAtAndTheDots() {
            assertThat(from("ceo @ tracewall . local").from()).containsExactly("ceo@tracewall.local");
        }

        @Test
        void readShouldSkipCommentsInsideTheAddress() {
            assertThat(from("ceo(x)@(y)tracewall.(z)local").from()).containsExactly("ceo@tracewall.local");
        }

        @Test
        void readShouldTakeAnAddressShownInTheDisplayName() {
            assertThat(from("\"ceo@tracewall.local\" <x@evil.test>").from()).containsExactly("x@evil.test", "ceo@tracewall.local");
        }

        @Test
        void readShouldTakeAnAddressShownInANestedComment() {
            assertThat(from("x@evil.test (CEO (ceo@tracewall.local))").from()).contains("ceo@tracewall.local");
        }

        @Test
        void readShouldTakeAnAddressInAnUnclosedQuote() {
            assertThat(from("\"CEO ceo@tracewall.local").from()).containsExactly("ceo@tracewall.local");
        }

        @Test
        void readShouldTakeAnEscapedAtInAQuotedDisplayName() {
            assertThat(from("\"ceo\\@tracewall.local\" <x@evil.test>").from()).contains("ceo@tracewall.local");
        }

        @Test
        void readShouldReadFullwidthFormsAsAscii() {
            assertThat(from("ceo\uFF20\uFF54\uFF52\uFF41\uFF43\uFF45\uFF57\uFF41\uFF4C\uFF4C\u3002local").from())
                .containsExactly("ceo@tracewall.local");
        }

        @Test
        void readShouldWriteAnIdnInAscii() {
            assertThat(from("info@B\u00FCcher.example").from()).containsExactly("info@xn--bcher-kva.example");
        }

        @Test
        void readShouldQuoteALocalPartThatNeedsQuotes() {
            assertThat(from("\"john doe\"@tracewall.local").from()).contains("\"john doe\"@tracewall.local");
        }
    }

    @Nested
    class Refused {
        @ParameterizedTest
        @ValueSource(strings = {"undisclosed", "<>", "", "undisclosed-recipients:;", "\"ceo\"", "(ceo@)"})
        void readShouldRefuseAFromWithoutAReadableAddress(String value) {
            assertThat(from(value).problem()).contains("no readable address in the From header");
        }

        @Test
        void readShouldRefuseSeveralFromHeaders() {
            DisplayedAddresses read = DisplayedAddresses.read(List.of("a@x.test", "ceo@tracewall.local"), List.of());

            assertThat(read.problem()).contains("several From headers");
        }

        @Test
        void readShouldRefuseAnOverlongValueRatherThanCutAnAddressOff() {
            String value = "x".repeat(DisplayedAddresses.MAX_VALUE_LENGTH) + " ceo@tracewall.local";

            assertThat(from(value).problem()).hasValueSatisfying(p -> assertThat(p).contains("longer than"));
        }

        @Test
        void readShouldRefuseTooManyAddresses() {
            StringBuilder value = new StringBuilder();
            for (int i = 0; i <= DisplayedAddresses.MAX_ADDRESSES; i++) {
                value.append("a").append(i).append("@x.test, ");
            }

            assertThat(from(value.toString()).problem()).hasValueSatisfying(p -> assertThat(p).contains("addresses"));
        }

        @Test
        void readShouldRefuseTooManySenderHeaders() {
            List<String> senders = List.of("a@x.test", "a@x.test", "a@x.test", "a@x.test", "a@x.test");

            assertThat(DisplayedAddresses.read(List.of("a@x.test"), senders).problem()).isPresent();
        }

        @Test
        void readShouldCostLittleOnHostileNesting() {
            String value = "(".repeat(8000) + "ceo@tracewall.local" + ")".repeat(8000);

            assertThat(from(value).from()).containsExactly("ceo@tracewall.local");
        }
    }

    @Nested
    class Domains {
        @ParameterizedTest
        @ValueSource(strings = {"tracewall.local", "TRACEWALL.LOCAL", "tracewall.local.", "tracewall.local;", "tracewall.local..",
            ".tracewall.local", "\uFF54racewall.local", "tracewall\uFF0Elocal", "tracewall\u3002local", "tracewall.local\u3002"})
        void normaliseDomainShouldReadLookalikesAsTheSameDomain(String domain) {
            assertThat(DisplayedAddresses.normaliseDomain(domain)).isEqualTo("tracewall.local");
        }

        @Test
        void normaliseDomainShouldTakeItsShortcutOnlyWhereTheFullWayAgrees() {
            Random random = new Random(7);
            String alphabet = "aZ09-._ .xn--\u00e9";
            for (int i = 0; i < 20_000; i++) {
                StringBuilder domain = new StringBuilder();
                for (int c = random.nextInt(80); c >= 0; c--) {
                    domain.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                assertThat(DisplayedAddresses.normaliseDomain(domain.toString())).as(domain.toString())
                    .isEqualTo(DisplayedAddresses.normaliseFully(domain.toString()));
            }
        }

        @Test
        void normaliseDomainShouldKeepADomainIdnRefuses() {
            String label = "a".repeat(70);

            assertThat(DisplayedAddresses.normaliseDomain(label + ".TEST")).isEqualTo(label + ".test");
        }
    }
}
