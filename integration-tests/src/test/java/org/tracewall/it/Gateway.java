package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.smtp.SmtpReply;
import org.tracewall.testing.smtp.SmtpTestClient;

/** The gateway sample as most tests run it, and the short SMTP exchanges they repeat. */
public final class Gateway {
    private Gateway() {
    }

    /** A file of the shipped gateway sample, as the tests start from it. */
    public static String sample(String name) {
        try (InputStream in = Gateway.class.getResourceAsStream("/tracewall-conf/gateway/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No gateway sample file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The sample's smtpserver.xml with its commented-out ClamAvHooks enabled (port 25 and the two
     * submission ports), pointed at a test's clamd on {@code port} with a scan timeout of {@code timeout}.
     */
    static String smtpServerWithClamAv(int port, String timeout) {
        String xml = sample("smtpserver.xml");
        String hook = "<handler class=\"org.tracewall.james.smtp.ClamAvHook\">";
        StringBuilder enabled = new StringBuilder();
        int from = 0;
        for (int start = xml.indexOf(hook); start >= 0; start = xml.indexOf(hook, from)) {
            int end = xml.indexOf("</handler>", start) + "</handler>".length();
            String block = xml.substring(start, end).replace("<port>3310</port>", "<port>" + port + "</port>")
                .replace("<timeout>30s</timeout>", "<timeout>" + timeout + "</timeout>");
            // Close the sample's comment before the block and open one after it (the sample's "-->" ends it).
            enabled.append(xml, from, start).append("-->\n").append(block).append("\n<!--");
            from = end;
        }
        assertThat(from).as("the sample has ClamAvHooks to enable").isPositive();
        return enabled.append(xml.substring(from)).toString();
    }

    /** The gateway sample resolving through {@code dns}, with its state in memory. */
    public static TracewallJamesExtension.Builder builder(LoopbackDnsServer dns) {
        return TracewallJamesExtension.builder()
            .sample("gateway")
            .dns(dns::hostAndPort)
            .property("store.type", "memory");
    }

    /**
     * Releases the first mail of a repository (e.g. "var/mail/quarantine/") to the transport
     * processor through James's WebAdmin, as an operator would: {@code PATCH ...?action=reprocess}.
     */
    static void releaseFirst(TracewallJamesExtension james, String repositoryPath) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String repository = "http://127.0.0.1:" + james.webAdminPort() + "/mailRepositories/"
            + URLEncoder.encode(repositoryPath, StandardCharsets.UTF_8) + "/mails";
        String keys = http.send(HttpRequest.newBuilder(URI.create(repository)).build(), HttpResponse.BodyHandlers.ofString()).body();
        String key = keys.replaceAll("[\\[\\]\"]", "").split(",")[0];
        HttpResponse<String> release = http.send(HttpRequest.newBuilder(URI.create(repository + "/" + key
                + "?action=reprocess&processor=transport")).method("PATCH", HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(release.statusCode()).as(release.body()).isEqualTo(201);
    }

    /**
     * The header section of the first message in a user's INBOX (over plain IMAP, as the test-safe
     * sample allows), waited for up to 30 s, unfolded: a long header goes on over lines that start
     * with white space.
     */
    static String deliveredHeaders(TracewallJamesExtension james, String user, String password) throws IOException {
        try (TestIMAPClient imap = new TestIMAPClient()) {
            imap.connect("127.0.0.1", james.imapPort()).login(user, password).select(TestIMAPClient.INBOX)
                .awaitMessage(Awaitility.await().atMost(Duration.ofSeconds(30)));
            return imap.readFirstMessageHeaders().replaceAll("\r?\n[ \t]+", " ");
        }
    }

    /** How many messages a user's INBOX holds now. */
    static long inboxCount(TracewallJamesExtension james, String user, String password) throws IOException {
        try (TestIMAPClient imap = new TestIMAPClient()) {
            return imap.connect("127.0.0.1", james.imapPort()).login(user, password).getMessageCount(TestIMAPClient.INBOX);
        }
    }

    /** The X-Tracewall-Rules line of the first message in a user's INBOX ({@link #deliveredHeaders}), or "". */
    static String rules(TracewallJamesExtension james, String user, String password) throws IOException {
        return deliveredHeaders(james, user, password).lines().filter(line -> line.startsWith("X-Tracewall-Rules:")).findFirst().orElse("");
    }

    /** Connects from {@code clientIp}, says EHLO, and returns the reply to MAIL FROM. */
    static SmtpReply mailFrom(TracewallJamesExtension james, String clientIp, String helo, String from) throws IOException {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), clientIp)) {
            smtp.ehlo(helo);
            return smtp.mailFrom(from);
        }
    }

    /** As {@link #mailFrom}, requires MAIL FROM to pass, and returns the reply to one RCPT TO. */
    static SmtpReply rcpt(TracewallJamesExtension james, String clientIp, String helo, String from, String to) throws IOException {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), clientIp)) {
            smtp.ehlo(helo);
            SmtpReply mail = smtp.mailFrom(from);
            assertThat(mail.code()).as(mail.toString()).isEqualTo(250);
            return smtp.rcptTo(to);
        }
    }

    /** Sends one message from {@code promo@shop.test} (client {@code clientIp}, HELO {@code mx.shop.test}), which must be accepted. */
    static void sendPromo(TracewallJamesExtension james, String clientIp, String to, String subject, String body) throws IOException {
        try (SmtpTestClient smtp = SmtpTestClient.connect(james.smtpPort(), clientIp)) {
            smtp.ehlo("mx.shop.test");
            SmtpReply reply = smtp.send("promo@shop.test", List.of(to), "From: promo@shop.test\r\nSubject: " + subject + "\r\n\r\n" + body + "\r\n");
            assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
        }
    }
}
