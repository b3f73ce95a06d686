package org.tracewall.core.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ScoringPolicyTest {
    private static final InetAddress CLIENT = address("192.0.2.7");

    private static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ScoreInput input(Direction direction, List<Symbol> symbols) {
        return new ScoreInput(CLIENT, "sender.example", List.of("tracewall.local"), direction, symbols);
    }

    @Test
    void evaluateShouldWeighSymbolsByTheirDefaultsAndFactors() {
        ScoreDecision d = ScoringPolicy.defaults().evaluate(input(Direction.INBOUND,
            List.of(Symbol.of("DNSBL", 2.0, "zen"), Symbol.of("HELO_NOT_FQDN"))));
        assertThat(d.score()).isEqualTo(11.5);
        assertThat(d.action()).isEqualTo(ScoreAction.QUARANTINE);
        assertThat(d.rulesHeader()).isEqualTo("DNSBL(10.00), HELO_NOT_FQDN(1.50)");
        assertThat(d.scoreHeader()).isEqualTo("11.50; action=quarantine; group=default; direction=inbound; thresholds=5.00/10.00/15.00");
    }

    @Test
    void evaluateShouldCountAnUnweightedSymbolAsZeroButShowIt() {
        ScoreDecision d = ScoringPolicy.defaults().evaluate(input(Direction.INBOUND, List.of(Symbol.of("DNSBL_ZEN"))));
        assertThat(d.score()).isZero();
        assertThat(d.action()).isEqualTo(ScoreAction.ACCEPT);
        assertThat(d.rulesHeader()).isEqualTo("DNSBL_ZEN(0.00)");
    }

    @Test
    void evaluateShouldAddAComboWhenMOfItsNMembersFire() {
        ScoringPolicy policy = ScoreConfig.fromProperties(Map.of("score.combo.BAD_HOST.rules", "NO_PTR, HELO_NOT_FQDN, DNSBL",
            "score.combo.BAD_HOST.min", "2", "score.combo.BAD_HOST.weight", "3"));
        ScoreDecision two = policy.evaluate(input(Direction.INBOUND, List.of(Symbol.of("NO_PTR"), Symbol.of("HELO_NOT_FQDN"))));
        ScoreDecision one = policy.evaluate(input(Direction.INBOUND, List.of(Symbol.of("NO_PTR"))));
        assertThat(two.score()).isEqualTo(6.0);
        assertThat(two.contributions()).extracting(Contribution::name).containsExactly("NO_PTR", "HELO_NOT_FQDN", "BAD_HOST");
        assertThat(two.contributions().get(2).detail()).isEqualTo("2 of 3: NO_PTR HELO_NOT_FQDN");
        assertThat(one.contributions()).extracting(Contribution::name).containsExactly("NO_PTR");
    }

    @Test
    void evaluateShouldRequireAllMembersOfAComboWithoutMinimum() {
        ScoringPolicy policy = ScoreConfig.fromProperties(Map.of("score.combo.BOTH.rules", "NO_PTR, DNSBL", "score.combo.BOTH.weight", "4"));
        assertThat(policy.evaluate(input(Direction.INBOUND, List.of(Symbol.of("NO_PTR")))).score()).isEqualTo(1.5);
        assertThat(policy.evaluate(input(Direction.INBOUND, List.of(Symbol.of("NO_PTR"), Symbol.of("DNSBL")))).score())
            .isEqualTo(10.5);
    }

    @Test
    void aContentRuleShouldWeighItsSymbolWithTheRulesWeight() {
        ScoringPolicy policy = ScoreConfig.fromProperties(Map.of("score.rule.CASINO.in", "body", "score.rule.CASINO.pattern", "casino",
            "score.rule.CASINO.weight", "4.5"));
        assertThat(policy.evaluate(input(Direction.INBOUND, List.of(Symbol.of("CASINO", 1.0, "body")))).score()).isEqualTo(4.5);
    }

    @Test
    void evaluateShouldKeepTheStrongestOfTwoSymbolsWithOneName() {
        ScoreDecision d = ScoringPolicy.defaults().evaluate(input(Direction.INBOUND,
            List.of(Symbol.of("DNSBL", 1.0, "a"), Symbol.of("DNSBL", 3.0, "b"))));
        assertThat(d.score()).isEqualTo(15.0);
        assertThat(d.contributions()).hasSize(1);
    }

    @Test
    void aGroupShouldApplyOnlyWhenAllItsCriteriaHold() {
        Map<String, String> p = new HashMap<>();
        p.put("score.group.out.direction", "outbound");
        p.put("score.group.out.clients", "192.0.2.0/24");
        p.put("score.group.out.tag", "2");
        p.put("score.group.out.quarantine", "3");
        p.put("score.group.out.reject", "off");
        ScoringPolicy policy = ScoreConfig.fromProperties(p);
        List<Symbol> symbols = List.of(Symbol.of("NO_PTR"), Symbol.of("HELO_NOT_FQDN"));
        ScoreDecision outbound = policy.evaluate(input(Direction.OUTBOUND, symbols));
        ScoreDecision inbound = policy.evaluate(input(Direction.INBOUND, symbols));
        assertThat(outbound.group()).isEqualTo("out");
        assertThat(outbound.action()).isEqualTo(ScoreAction.QUARANTINE);
        assertThat(inbound.group()).isEqualTo("default");
        assertThat(inbound.action()).isEqualTo(ScoreAction.ACCEPT);
        ScoreInput otherClient = new ScoreInput(address("198.51.100.1"), "sender.example", List.of("tracewall.local"),
            Direction.OUTBOUND, symbols);
        assertThat(policy.evaluate(otherClient).group()).isEqualTo("default");
    }

    @Test
    void aGroupShouldMatchRecipientAndSenderDomainsWithSubdomains() {
        Map<String, String> p = new HashMap<>();
        p.put("score.group.vip.recipients", "board.example");
        p.put("score.group.vip.senders", "partner.example");
        p.put("score.group.vip.weight.NO_PTR", "9");
        ScoringPolicy policy = ScoreConfig.fromProperties(p);
        ScoreInput vip = new ScoreInput(CLIENT, "mail.partner.example", List.of("other.example", "board.example"),
            Direction.INBOUND, List.of(Symbol.of("NO_PTR")));
        ScoreInput notVip = new ScoreInput(CLIENT, "partner.example.evil", List.of("board.example"),
            Direction.INBOUND, List.of(Symbol.of("NO_PTR")));
        assertThat(policy.evaluate(vip).score()).isEqualTo(9.0);
        assertThat(policy.evaluate(notVip).score()).isEqualTo(1.5);
    }

    @Test
    void aGroupNeedingAClientShouldNotApplyToMailWithoutOne() {
        ScoringPolicy policy = ScoreConfig.fromProperties(Map.of("score.group.lan.clients", "0.0.0.0/0", "score.group.lan.tag", "0"));
        ScoreInput local = new ScoreInput(null, null, List.of(), Direction.INBOUND, List.of());
        assertThat(policy.evaluate(local).group()).isEqualTo("default");
    }

    @Test
    void rejectTextShouldNameTheRulesThatAddedPointsAndNoContent() {
        ScoreDecision d = ScoringPolicy.defaults().evaluate(input(Direction.INBOUND,
            List.of(Symbol.of("VIRUS", 1.0, "Eicar"), Symbol.of("TRACE_TRACEABLE"))));
        assertThat(d.rejectText()).isEqualTo("Message refused as spam (score 98.00, reject at 15.00: VIRUS)");
    }

    @Test
    void symbolShouldRoundTripThroughItsEncodingAndFlattenControlCharacters() {
        Symbol s = Symbol.of("DNSBL", 2.5, "zen:1.2.3.4\r\nInjected: yes");
        Symbol decoded = Symbol.decode(s.encode());
        assertThat(decoded).isEqualTo(s);
        assertThat(decoded.detail()).doesNotContain("\r", "\n");
        assertThat(Symbol.decode("HELO_NOT_FQDN")).isEqualTo(Symbol.of("HELO_NOT_FQDN"));
        assertThat(Symbol.namePart("dnswl.org list")).isEqualTo("DNSWL_ORG_LIST");
    }
}
