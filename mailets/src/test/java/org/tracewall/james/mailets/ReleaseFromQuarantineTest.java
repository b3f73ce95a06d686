package org.tracewall.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import javax.mail.MessagingException;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryPath;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.mailrepository.api.Protocol;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracewall.core.quarantine.ReleaseToken;
import org.tracewall.core.quarantine.ReleaseTokens;
import org.tracewall.james.OriginHeader;
import org.tracewall.james.QuarantineRelease;
import org.tracewall.james.TracewallRuntime;
import org.tracewall.james.testing.FakeDomainList;
import org.tracewall.james.testing.TestRuntimes;
import org.tracewall.reputation.sender.Reputation;
import org.tracewall.reputation.sender.ReputationFeatures;

class ReleaseFromQuarantineTest {
    private static final Domain LOCAL = Domain.of("tracewall.local");
    private static final Instant NOW = Instant.parse("2024-03-01T10:00:00Z");
    private static final String RELEASE_ADDRESS = "quarantine-release@tracewall.local";

    @TempDir
    Path root;

    private TracewallRuntime runtime;
    private final MemoryRepository quarantine = new MemoryRepository();
    private final FakeMailContext sent = FakeMailContext.defaultContext();
    private ReleaseFromQuarantine mailet;

    @BeforeEach
    void setUp() throws Exception {
        runtime = TestRuntimes.memoryStore(root, NOW::toEpochMilli);
        mailet = new ReleaseFromQuarantine(runtime, new SingleRepositoryStore(quarantine), new FakeDomainList());
        mailet.init(FakeMailetConfig.builder().mailetName("release").mailetContext(localDomainContext(sent)).build());
    }

    @AfterEach
    void tearDown() {
        runtime.close();
    }

    private String token(String key, String recipient) {
        return runtime.releaseTokens().sign(new ReleaseToken(key, recipient, NOW.plus(Duration.ofDays(1))));
    }

    private void hold(String key, String... recipients) throws MessagingException {
        quarantine.store(FakeMail.builder().name(key).sender("news@remote.example").recipients(recipients)
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("held " + key).setText("held body")).build());
    }

    private static FakeMail request(String authUser, String subject) throws MessagingException {
        FakeMail.Builder request = FakeMail.builder().name("request").sender("bob@tracewall.local").recipient(RELEASE_ADDRESS)
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject(subject).setText("please"));
        if (authUser != null) {
            request.attribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of(authUser)));
        }
        return request.build();
    }

    private static Attribute released(int count) {
        return new Attribute(ReleaseFromQuarantine.RELEASED, AttributeValue.of(count));
    }

    private FakeMailContext.SentMail reply() {
        return sent.getSentMails().get(sent.getSentMails().size() - 1);
    }

    private static String text(FakeMailContext.SentMail mail) throws Exception {
        return (String) mail.getMsg().getContent();
    }

    @Test
    void initShouldRefuseAnyParameter() {
        ReleaseFromQuarantine fresh = new ReleaseFromQuarantine(runtime, new SingleRepositoryStore(quarantine), new FakeDomainList());

        assertThatThrownBy(() -> fresh.init(FakeMailetConfig.builder().mailetName("release").setProperty("repository", "memory://q").build()))
            .isInstanceOf(MessagingException.class).hasMessageContaining("[repository]");
    }

    @Test
    void serviceShouldReleaseTheHeldMailToTheRequesterOnlyAndKeepItForTheOthers() throws Exception {
        hold("q1", "bob@tracewall.local", "carol@tracewall.local");
        FakeMail request = request("bob@tracewall.local", "RELEASE " + token("q1", "bob@tracewall.local"));

        mailet.service(request);

        FakeMailContext.SentMail delivered = sent.getSentMails().get(0);
        assertThat(delivered.getRecipients()).containsExactly(new MailAddress("bob@tracewall.local"));
        assertThat(delivered.getSender()).isEqualTo(new MailAddress("news@remote.example"));
        assertThat(delivered.getState()).isEqualTo("transport");
        assertThat(delivered.getMsg().getSubject()).isEqualTo("held q1");
        assertThat(quarantine.retrieve(new MailKey("q1")).getRecipients()).containsExactly(new MailAddress("carol@tracewall.local"));
        assertThat(request.getAttribute(ReleaseFromQuarantine.RELEASED)).contains(released(1));
        assertThat(request.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void aReleaseShouldTeachTheHeldMailsOriginAGoodOutcome() throws Exception {
        ReputationFeatures origin = ReputationFeatures.of(InetAddress.getByName("192.0.2.7"), "remote.example", "mx.remote.example",
            null, List.of());
        quarantine.store(FakeMail.builder().name("q1").sender("news@remote.example").recipients("bob@tracewall.local")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("held q1").setText("held body")
                .addHeader(OriginHeader.NAME, runtime.originStamp().sign(origin))).build());
        hold("q2", "bob@tracewall.local");

        mailet.service(request("bob@tracewall.local", "RELEASE " + token("q1", "bob@tracewall.local") + " RELEASE "
            + token("q2", "bob@tracewall.local")));

        assertThat(runtime.reputation().lookup(origin).get("ip:192.0.2.7")).extracting(Reputation::good, Reputation::bad)
            .containsExactly(1.0, 0.0);
        assertThat(runtime.reputation().lookup(origin)).as("every feature, once").hasSize(origin.keys().size());
    }

    @Test
    void aMailReleasedOnceShouldNotBeReleasedAgainFromAnotherCopyOfIt() throws Exception {
        hold("q1", "bob@tracewall.local");
        mailet.service(request("bob@tracewall.local", "RELEASE " + token("q1", "bob@tracewall.local")));
        // Another node's view of a shared quarantine, which still holds it.
        hold("q1", "bob@tracewall.local");

        List<MailAddress> again = new QuarantineRelease(quarantine, sent, runtime).release(new MailKey("q1"),
            List.of(new MailAddress("bob@tracewall.local")));

        assertThat(again).isEmpty();
        assertThat(sent.getSentMails().stream().filter(mail -> mail.getSender().asString().equals("news@remote.example")))
            .as("delivered once").hasSize(1);
    }

    @Test
    void serviceShouldAnswerTheRequesterWithWhatWasReleased() throws Exception {
        hold("q1", "bob@tracewall.local");

        mailet.service(request("bob@tracewall.local", "RELEASE " + token("q1", "bob@tracewall.local")));

        assertThat(sent.getSentMails()).hasSize(2);
        FakeMailContext.SentMail reply = reply();
        assertThat(reply.getSender()).isEqualTo(new MailAddress(RELEASE_ADDRESS));
        assertThat(reply.getRecipients()).containsExactly(new MailAddress("bob@tracewall.local"));
        assertThat(reply.getMsg().getSubject()).isEqualTo("Quarantine release: 1 released, 0 not");
        assertThat(reply.getMsg().getHeader("Auto-Submitted")).containsExactly("auto-replied");
        assertThat(text(reply)).isEqualTo("1. released\n");
    }

    @Test
    void serviceShouldTakeTheMailOutOfTheQuarantineWithItsLastRecipient() throws Exception {
        hold("q1", "bob@tracewall.local");

        mailet.service(request("bob@tracewall.local", "RELEASE " + token("q1", "bob@tracewall.local")));

        assertThat(quarantine.retrieve(new MailKey("q1"))).isNull();
    }

    @Test
    void serviceShouldRefuseALinkOfAnotherUser() throws Exception {
        hold("q1", "bob@tracewall.local");
        FakeMail request = request("alice@tracewall.local", "RELEASE " + token("q1", "bob@tracewall.local"));

        mailet.service(request);

        assertThat(sent.getSentMails()).hasSize(1);
        assertThat(reply().getRecipients()).containsExactly(new MailAddress("alice@tracewall.local"));
        assertThat(text(reply())).isEqualTo("1. refused: this link is not yours (send it from the account it was sent to)\n");
        assertThat(quarantine.retrieve(new MailKey("q1")).getRecipients()).containsExactly(new MailAddress("bob@tracewall.local"));
        assertThat(request.getAttribute(ReleaseFromQuarantine.RELEASED)).contains(released(0));
    }

    @Test
    void serviceShouldNeverReleaseToAnAddressOutsideTheLocalDomains() throws Exception {
        hold("q1", "bob@remote.example");

        mailet.service(request("bob@remote.example", "RELEASE " + token("q1", "bob@remote.example")));

        assertThat(sent.getSentMails()).hasSize(1);
        assertThat(text(reply())).startsWith("1. refused: this link is not yours");
        assertThat(quarantine.retrieve(new MailKey("q1"))).isNotNull();
    }

    @Test
    void serviceShouldRefuseALinkSignedWithAnotherSecret() throws Exception {
        hold("q1", "bob@tracewall.local");
        String forged = new ReleaseTokens(new byte[32]).sign(new ReleaseToken("q1", "bob@tracewall.local", NOW.plus(Duration.ofDays(1))));

        mailet.service(request("bob@tracewall.local", "RELEASE " + forged));

        assertThat(text(reply())).isEqualTo("1. refused: release token signature does not match\n");
        assertThat(quarantine.retrieve(new MailKey("q1"))).isNotNull();
    }

    @Test
    void serviceShouldRefuseAnExpiredLink() throws Exception {
        hold("q1", "bob@tracewall.local");
        String expired = runtime.releaseTokens().sign(new ReleaseToken("q1", "bob@tracewall.local", NOW));

        mailet.service(request("bob@tracewall.local", "RELEASE " + expired));

        assertThat(text(reply())).isEqualTo("1. refused: release token expired at " + NOW + "\n");
        assertThat(reply().getMsg().getSubject()).isEqualTo("Quarantine release: 0 released, 1 not");
    }

    @Test
    void serviceShouldSayWhenTheMailIsNoLongerHeld() throws Exception {
        mailet.service(request("bob@tracewall.local", "RELEASE " + token("gone", "bob@tracewall.local")));

        assertThat(text(reply())).isEqualTo("1. no longer held (released or deleted already)\n");
    }

    @Test
    void serviceShouldReleaseEveryTokenOfTheRequestAndAnswerEach() throws Exception {
        hold("q1", "bob@tracewall.local");
        hold("q2", "bob@tracewall.local");

        mailet.service(request("bob@tracewall.local", "RELEASE " + token("q1", "bob@tracewall.local") + " RELEASE "
            + token("q2", "bob@tracewall.local") + " RELEASE " + token("q3", "bob@tracewall.local")));

        assertThat(quarantine.size()).isZero();
        assertThat(text(reply())).isEqualTo("1. released\n2. released\n3. no longer held (released or deleted already)\n");
        assertThat(reply().getMsg().getSubject()).isEqualTo("Quarantine release: 2 released, 1 not");
    }

    @Test
    void serviceShouldMatchALocalPartLoginAgainstTheRecipientAndAnswerAtTheDefaultDomain() throws Exception {
        hold("q1", "bob@tracewall.local");

        mailet.service(request("bob", "RELEASE " + token("q1", "bob@tracewall.local")));

        assertThat(quarantine.retrieve(new MailKey("q1"))).isNull();
        assertThat(reply().getRecipients()).containsExactly(new MailAddress("bob@tracewall.local"));
    }

    @Test
    void serviceShouldSayWhenTheRequestHoldsNoToken() throws Exception {
        mailet.service(request("bob@tracewall.local", "please release my mail"));

        assertThat(text(reply())).isEqualTo("No release token was found in your message (expected: RELEASE v1....).\n");
    }

    @Test
    void serviceShouldNeitherReleaseNorAnswerAnUnauthenticatedRequest() throws Exception {
        hold("q1", "bob@tracewall.local");
        FakeMail request = request(null, "RELEASE " + token("q1", "bob@tracewall.local"));

        mailet.service(request);

        assertThat(sent.getSentMails()).isEmpty();
        assertThat(quarantine.retrieve(new MailKey("q1"))).isNotNull();
        assertThat(request.getAttribute(ReleaseFromQuarantine.RELEASED)).contains(released(0));
        assertThat(request.getState()).isEqualTo(Mail.GHOST);
    }

    /** James's FakeMailContext, whose local addresses are those of {@link #LOCAL} (its own says none is local). */
    private static MailetContext localDomainContext(FakeMailContext delegate) {
        return (MailetContext) Proxy.newProxyInstance(MailetContext.class.getClassLoader(), new Class<?>[] {MailetContext.class},
            (proxy, method, args) -> {
                if (method.getName().equals("isLocalEmail")) {
                    return ((MailAddress) args[0]).getDomain().equals(LOCAL);
                }
                try {
                    return method.invoke(delegate, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    }

    /** A mail repository in memory that keeps copies, as a stored one does: a change counts only once stored again. */
    private static final class MemoryRepository implements MailRepository {
        private final Map<MailKey, Mail> mails = new LinkedHashMap<>();

        @Override
        public long size() {
            return mails.size();
        }

        @Override
        public MailKey store(Mail mail) throws MessagingException {
            MailKey key = MailKey.forMail(mail);
            mails.put(key, mail.duplicate());
            return key;
        }

        @Override
        public Iterator<MailKey> list() {
            return new ArrayList<>(mails.keySet()).iterator();
        }

        @Override
        public Mail retrieve(MailKey key) throws MessagingException {
            Mail mail = mails.get(key);
            return mail == null ? null : mail.duplicate();
        }

        @Override
        public void remove(MailKey key) {
            mails.remove(key);
        }

        @Override
        public void removeAll() {
            mails.clear();
        }
    }

    /** Every URL is the one quarantine: the mailet's own choice of URL is runtime.quarantine().repository(). */
    private static final class SingleRepositoryStore implements MailRepositoryStore {
        private final MailRepository repository;

        SingleRepositoryStore(MailRepository repository) {
            this.repository = repository;
        }

        @Override
        public MailRepository select(MailRepositoryUrl url) {
            return repository;
        }

        @Override
        public Optional<Protocol> defaultProtocol() {
            return Optional.empty();
        }

        @Override
        public Optional<MailRepository> get(MailRepositoryUrl url) {
            return Optional.of(repository);
        }

        @Override
        public Stream<MailRepository> getByPath(MailRepositoryPath path) {
            return Stream.of(repository);
        }

        @Override
        public Stream<MailRepositoryUrl> getUrls() {
            return Stream.empty();
        }
    }
}
