package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.james.MessageBytes;
import org.tracewall.reputation.text.MessageTextExtractor;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.smtp.SmtpTestClient;

/**
 * Bayes end to end in the shipped gateway sample: an authenticated user teaches the model by
 * sending to spam@ and ham@ (BayesLearn), then mail from outside is classified (BayesScore) and
 * the verdict reaches the score (the BAYES symbol). A message is read into text and serialised
 * once: at the end of DATA, for the score's body rule; Bayes and the score in the mailet
 * container read the text the mail carries.
 */
class BayesIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    static final String FEEDBACK = "file://var/mail/bayes-feedback/";
    static final String[] SPAM = {"viagra", "cheap", "pills", "casino", "lottery", "winner", "prize", "claim", "discount", "bonus"};
    static final String[] HAM = {"meeting", "agenda", "project", "report", "schedule", "review", "budget", "minutes", "roadmap", "release"};

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS)
        .user("bob@tracewall.local", "bobpw")
        .user("spam@tracewall.local", "x")
        .user("ham@tracewall.local", "x")
        .user("carol@tracewall.local", "pw")
        .user("dave@tracewall.local", "pw")
        .user("erin@tracewall.local", "pw")
        .user("frank@tracewall.local", "pw")
        // A body rule, so that the end-of-DATA score reads the text too (ReadOncePerPhase).
        .property("score.rule.BODY_PROBE.in", "body").property("score.rule.BODY_PROBE.pattern", "zq-never-sent")
        .property("score.rule.BODY_PROBE.weight", "1")
        .build();

    @BeforeAll
    static void teach() throws Exception {
        DNS.zone().txt("sender.test", "v=spf1 ip4:127.0.96.0/24 -all")
            .a("out.sender.test", "127.0.96.5").ptr("127.0.96.5", "out.sender.test");
        teach(james, "127.0.96.9");
    }

    /**
     * bob@tracewall.local (password bobpw), authenticated from {@code clientIp}, reports 25 spam
     * and 25 ham to spam@ and ham@ of {@code node}; returns once all 50 are kept as feedback.
     */
    static void teach(TracewallJamesExtension node, String clientIp) throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connect(node.smtpPort(), clientIp)) {
            smtp.ehlo("laptop.tracewall.local");
            assertThat(smtp.authPlain("bob@tracewall.local", "bobpw").code()).isEqualTo(235);
            for (int i = 0; i < 25; i++) {
                assertThat(smtp.send("bob@tracewall.local", List.of("spam@tracewall.local"),
                    message("bob@tracewall.local", "offer " + i, words(SPAM, i))).code()).isEqualTo(250);
                assertThat(smtp.send("bob@tracewall.local", List.of("ham@tracewall.local"),
                    message("bob@tracewall.local", "notes " + i, words(HAM, i))).code()).isEqualTo(250);
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> node.repositoryCount(FEEDBACK) == 50);
    }

    @AfterAll
    static void stop() {
        DNS.close();
    }

    static String words(String[] vocabulary, int seed) {
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < 6; j++) {
            text.append(vocabulary[(seed * 3 + j * 7) % vocabulary.length]).append(' ');
        }
        return text.append("message number ").append(seed).toString();
    }

    static String message(String from, String subject, String body) {
        return "From: " + from + "\r\nSubject: " + subject + "\r\n\r\n" + body + "\r\n";
    }

    private static String deliver(String to, String subject, String body) throws IOException {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.96.5")) {
            smtp.ehlo("out.sender.test");
            assertThat(smtp.send("news@sender.test", List.of(to), message("news@sender.test", subject, body)).code()).isEqualTo(250);
        }
        try (TestIMAPClient imap = new TestIMAPClient()) {
            imap.connect("127.0.0.1", james.imapPort()).login(to, "pw").select(TestIMAPClient.INBOX)
                .awaitMessage(Awaitility.await().atMost(Duration.ofSeconds(30)));
            // Unfolded: the rules header goes on over lines when the mail has many symbols.
            return imap.readFirstMessage().replaceAll("\\r?\\n[ \\t]+", " ");
        }
    }

    @Test
    void spamShouldGetAHighBayesScoreThatCountsInTheRules() throws Exception {
        String received = deliver("carol@tracewall.local", "great offer", "cheap pills casino bonus winner claim your prize");

        assertThat(received).containsPattern("X-Tracewall-Bayes: 0\\.9\\d{3} \\(spam\\)|X-Tracewall-Bayes: 1\\.0000 \\(spam\\)")
            .containsPattern("X-Tracewall-Rules: .*BAYES\\([1-6]\\.\\d\\d\\)");
    }

    /**
     * Bayes poisoning: an outsider (traceable, not authenticated) sends 60 spam-worded messages to
     * ham@. They are accepted and kept as feedback like any mail to that address, but not learned:
     * spam is still spam after. Had they been learned, those words would count 60 times as ham
     * against 25 as spam, and the same spam would score as ham.
     */
    @Test
    void anOutsiderShouldNotTeachThroughHamOrSpamAddresses() throws Exception {
        long before = james.repositoryCount(FEEDBACK);
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), "127.0.96.5")) {
            smtp.ehlo("out.sender.test");
            for (int i = 0; i < 60; i++) {
                assertThat(smtp.send("news@sender.test", List.of("ham@tracewall.local"),
                    message("news@sender.test", "offer " + i, words(SPAM, i))).code()).isEqualTo(250);
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> james.repositoryCount(FEEDBACK) == before + 60);

        String received = deliver("frank@tracewall.local", "great offer", "cheap pills casino bonus winner claim your prize");

        assertThat(received).containsPattern("X-Tracewall-Bayes: 0\\.9\\d{3} \\(spam\\)|X-Tracewall-Bayes: 1\\.0000 \\(spam\\)");
    }

    @Test
    void hamShouldGetALowBayesScore() throws Exception {
        String received = deliver("dave@tracewall.local", "agenda", "project meeting agenda and budget review minutes");

        assertThat(received).containsPattern("X-Tracewall-Bayes: 0\\.[01]\\d{3} \\(ham\\)")
            .containsPattern("X-Tracewall-Rules: .*BAYES\\(-[1-6]\\.\\d\\d\\)");
    }

    @Test
    void aMessageShouldBeSerialisedAndReadOnceForBothPhases() throws Exception {
        long extractions = MessageTextExtractor.extractions();
        long serialisations = MessageBytes.serialisations();

        String received = deliver("erin@tracewall.local", "great offer", "cheap pills casino bonus winner claim your prize");

        // The three readers all ran: the end-of-DATA score, Bayes and the container's score.
        assertThat(received).contains("X-Tracewall-Bayes: ").contains("X-Tracewall-Score: ");
        assertThat(MessageTextExtractor.extractions() - extractions).as("messages read into text").isEqualTo(1);
        assertThat(MessageBytes.serialisations() - serialisations).as("messages serialised by Tracewall").isEqualTo(1);
    }
}
