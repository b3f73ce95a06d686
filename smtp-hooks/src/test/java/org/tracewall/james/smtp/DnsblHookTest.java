package org.tracewall.james.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.Username;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;
import org.tracewall.core.dns.DnsAnswer;
import org.tracewall.core.dns.DnsResolver;
import org.tracewall.core.dns.PendingLookups;
import org.tracewall.core.dnsbl.DnsListChecker;
import org.tracewall.core.dnsbl.DnsListConfig;
import org.tracewall.core.dnsbl.UrlListCheck;
import org.tracewall.core.domain.PublicSuffixList;
import org.tracewall.core.net.IpAddresses;
import org.tracewall.core.score.KnownSymbol;
import org.tracewall.core.score.Symbol;
import org.tracewall.james.ScoreSymbols;
import org.tracewall.reputation.text.AttachmentReader;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/** DNS lists at RCPT and URL lists at the end of DATA, for the client 192.0.2.9; the lists answer from memory. */
class DnsblHookTest {
    private static final Map<String, String> LISTS = Map.of(
        "dnsbl.list.zen.zone", "zen.test",
        "dnsbl.list.wl.zone", "wl.test", "dnsbl.list.wl.weight", "-2",
        "dnsbl.list.dbl.zone", "dbl.test", "dnsbl.list.dbl.type", "domain",
        "dnsbl.list.uri.zone", "uribl.test", "dnsbl.list.uri.type", "url");
    private static final MaybeSender SENDER = MaybeSender.of(address("carol@example.test"));
    private static final MailAddress BOB = address("bob@tracewall.local");

    private final Lists dns = new Lists();

    private DnsblHook hook(double threshold, PendingLookups pending) throws Exception {
        DnsListChecker checker = new DnsListChecker(dns, DnsListConfig.fromProperties(LISTS).lists());
        DnsblHook hook = new DnsblHook(checker, threshold, pending, new UrlListCheck(checker, PublicSuffixList.bundled(), 20),
            AttachmentReader.NONE);
        hook.init(new BaseHierarchicalConfiguration());
        return hook;
    }

    private DnsblHook hook() throws Exception {
        return hook(1.0, PendingLookups.unbounded());
    }

    private static MailAddress address(String address) {
        try {
            return new MailAddress(address);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static FakeSession client() {
        return new FakeSession("192.0.2.9");
    }

    private static FakeMail mail(String body) throws Exception {
        return FakeMail.builder().name("m1").sender("carol@example.test").recipient(BOB)
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().addFrom("carol@example.test").setSubject("Offer").setText(body))
            .build();
    }

    @Test
    void initShouldRefuseAnyChildElement() {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty("threshold", "2");

        assertThatThrownBy(() -> hook().init(config))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("DnsblHook: unknown element(s) <threshold> (it takes none)");
    }

    @Test
    void doRcptShouldRefuseAListedClientWith554AndTheListsMessage() throws Exception {
        dns.listed("9.2.0.192.zen.test");

        HookResult result = hook().doRcpt(client(), SENDER, BOB);

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("554");
        assertThat(result.getSmtpDescription()).isEqualTo("5.7.1 192.0.2.9 is listed in zen.test");
    }

    @Test
    void doRcptShouldLetAnUnlistedClientThrough() throws Exception {
        assertThat(hook().doRcpt(client(), SENDER, BOB)).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void doRcptShouldAskTheListsOncePerTransaction() throws Exception {
        dns.listed("9.2.0.192.zen.test");
        DnsblHook hook = hook();
        FakeSession session = client();
        hook.doRcpt(session, SENDER, BOB);
        int asked = dns.questions.get();

        assertThat(hook.doRcpt(session, SENDER, address("alice@tracewall.local")).getSmtpRetCode()).isEqualTo("554");
        assertThat(dns.questions).hasValue(asked);
        session.endTransaction();
        hook.doRcpt(session, SENDER, BOB);
        assertThat(dns.questions).hasValue(2 * asked);
    }

    @Test
    void doRcptShouldDeferWhenAnAllowListCannotBeAsked() throws Exception {
        dns.listed("9.2.0.192.zen.test").down("wl.test");

        HookResult result = hook().doRcpt(client(), SENDER, BOB);

        assertThat(result.getResult()).isEqualTo(HookReturnCode.denySoft());
        assertThat(result.getSmtpRetCode()).isEqualTo("451");
        assertThat(result.getSmtpDescription()).isEqualTo("4.4.3 A DNS allow list could not be asked; please try again later");
    }

    @Test
    void doRcptShouldLetAClientThroughThatAnAllowListVouchesFor() throws Exception {
        dns.listed("9.2.0.192.zen.test").listed("9.2.0.192.wl.test");

        assertThat(hook().doRcpt(client(), SENDER, BOB)).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void doRcptShouldNotRefuseBecauseABlockListDoesNotAnswer() throws Exception {
        dns.down("zen.test");

        assertThat(hook().doRcpt(client(), SENDER, BOB)).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void doRcptShouldAskTheDomainListsAboutTheHeloAndTheSenderDomain() throws Exception {
        dns.listed("helo.example.dbl.test");
        DnsblHook hook = hook();
        FakeSession greeted = client();
        greeted.setAttachment(SMTPSession.CURRENT_HELO_NAME, "helo.example", ProtocolSession.State.Connection);

        assertThat(hook.doRcpt(greeted, SENDER, BOB).getSmtpRetCode()).isEqualTo("554");
        dns.listed("example.test.dbl.test");
        assertThat(hook.doRcpt(client(), SENDER, BOB).getSmtpRetCode()).isEqualTo("554");
    }

    @Test
    void doRcptShouldNotCheckAuthenticatedOrRelayingClients() throws Exception {
        dns.listed("9.2.0.192.zen.test");
        DnsblHook hook = hook();
        FakeSession authenticated = client();
        authenticated.setUsername(Username.of("alice@tracewall.local"));
        FakeSession relaying = client();
        relaying.setRelayingAllowed(true);

        assertThat(hook.doRcpt(authenticated, SENDER, BOB)).isEqualTo(HookResult.DECLINED);
        assertThat(hook.doRcpt(relaying, SENDER, BOB)).isEqualTo(HookResult.DECLINED);
        assertThat(dns.questions).hasValue(0);
    }

    @Test
    void doRcptShouldSkipMailToASpamFriendOnly() throws Exception {
        dns.listed("9.2.0.192.zen.test");
        DnsblHook hook = hook();
        FakeSession session = client();
        SessionTrust.markRecipient(session, SessionTrust.SPAM_FRIENDS, BOB);

        assertThat(hook.doRcpt(session, SENDER, BOB)).isEqualTo(HookResult.DECLINED);
        assertThat(hook.doRcpt(session, SENDER, address("alice@tracewall.local")).getSmtpRetCode()).isEqualTo("554");
    }

    @Test
    void doRcptShouldCheckMailToASpamHaterEvenFromAnAccessOkClient() throws Exception {
        dns.listed("9.2.0.192.zen.test");
        DnsblHook hook = hook();
        FakeSession session = client();
        session.setAttachment(SessionTrust.ACCESS_OK, true, ProtocolSession.State.Connection);
        SessionTrust.markRecipient(session, SessionTrust.SPAM_HATERS, BOB);

        assertThat(hook.doRcpt(session, SENDER, address("alice@tracewall.local"))).isEqualTo(HookResult.DECLINED);
        assertThat(hook.doRcpt(session, SENDER, BOB).getSmtpRetCode()).isEqualTo("554");
    }

    @Test
    void doRcptShouldDeferWhenTooManySessionsWaitOnDns() throws Exception {
        PendingLookups pending = new PendingLookups(0, 0, 1, DnsResolver.offline(), UnaryOperator.identity());
        Optional<PendingLookups.Permit> held = pending.tryEnter(InetAddress.getByName("198.51.100.1"), null);
        assertThat(held).isPresent();

        HookResult result = hook(1.0, pending).doRcpt(client(), SENDER, BOB);

        assertThat(result.getResult()).isEqualTo(HookReturnCode.denySoft());
        assertThat(result.getSmtpRetCode()).isEqualTo("451");
        assertThat(result.getSmtpDescription()).isEqualTo("4.4.5 Too many sessions are waiting for DNS answers; please try again later");
        assertThat(dns.questions).hasValue(0);
        held.get().close();
    }

    @Test
    void onMessageShouldRecordTheListingsBelowTheThresholdForScoring() throws Exception {
        dns.listed("9.2.0.192.zen.test");
        DnsblHook hook = hook(10.0, PendingLookups.unbounded());
        FakeSession session = client();
        FakeMail mail = mail("Hello");

        assertThat(hook.doRcpt(session, SENDER, BOB)).isEqualTo(HookResult.DECLINED);
        assertThat(hook.onMessage(session, mail)).isEqualTo(HookResult.DECLINED);

        assertThat(mail.getAttribute(DnsblHook.SCORE)).map(Attribute::getValue).contains(AttributeValue.of(1.0));
        assertThat(mail.getAttribute(DnsblHook.HITS)).map(Attribute::getValue).contains(AttributeValue.of("zen:192.0.2.9"));
        assertThat(ScoreSymbols.read(mail)).containsExactly(KnownSymbol.DNSBL.symbol(1.0, "zen"), Symbol.of("DNSBL_ZEN", 1.0, "192.0.2.9"));
    }

    @Test
    void onMessageShouldAskTheUrlListsAboutTheLinks() throws Exception {
        dns.listed("spam-shop.example.uribl.test");
        FakeMail mail = mail("Cheap watches at http://www.spam-shop.example/buy today");

        assertThat(hook().onMessage(client(), mail)).isEqualTo(HookResult.DECLINED);

        assertThat(ScoreSymbols.read(mail)).extracting(Symbol::name).containsExactly("URIBL", "URIBL_URI");
        assertThat(mail.getAttribute(DnsblHook.SCORE)).isEmpty();
    }

    @Test
    void onMessageShouldNotAskTheUrlListsForAnAuthenticatedClient() throws Exception {
        dns.listed("spam-shop.example.uribl.test");
        FakeSession session = client();
        session.setUsername(Username.of("alice@tracewall.local"));
        FakeMail mail = mail("Cheap watches at http://www.spam-shop.example/buy today");

        hook().onMessage(session, mail);

        assertThat(ScoreSymbols.read(mail)).isEmpty();
        assertThat(dns.questions).hasValue(0);
    }

    /** DNS lists from memory: a listed name answers 127.0.0.2, a name under a zone that is down fails, any other does not exist. */
    private static final class Lists implements DnsResolver {
        private final Set<String> listed = new HashSet<>();
        private final Set<String> down = new HashSet<>();
        private final AtomicInteger questions = new AtomicInteger();

        Lists listed(String name) {
            listed.add(name);
            return this;
        }

        Lists down(String zone) {
            down.add(zone);
            return this;
        }

        @Override
        public CompletionStage<DnsAnswer<Record>> lookupAsync(Name name, int type) {
            questions.incrementAndGet();
            String host = DnsResolver.hostName(name);
            if (down.stream().anyMatch(zone -> host.endsWith("." + zone))) {
                return CompletableFuture.completedFuture(DnsAnswer.temporaryFailure("timeout"));
            }
            if (!listed.contains(host)) {
                return CompletableFuture.completedFuture(DnsAnswer.noSuchName());
            }
            Record code = new ARecord(name, DClass.IN, 300, IpAddresses.parseLiteral("127.0.0.2"));
            return CompletableFuture.completedFuture(DnsAnswer.ok(List.of(code)));
        }
    }
}
