package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tracewall.testing.dns.Fault;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.imap.StartTlsImap;
import org.tracewall.testing.james.TracewallJamesExtension;
import org.tracewall.testing.smtp.SmtpReply;
import org.tracewall.testing.smtp.SmtpTestClient;
import org.tracewall.testing.smtp.TestTls;

/**
 * The holes an outside probe of the shipped gateway found, each tried again over real SMTP,
 * IMAP and HTTP against the gateway sample with its security settings as shipped (TLS with a
 * generated keystore, AUTH only after TLS, WebAdmin JWT): every test here failed on the
 * sample before these defences. Clients come from 127.0.x.y addresses other than 127.0.0.1,
 * the sample's only authorized address, so each is an outsider.
 */
class ShippedSecurityIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    private static final String OUTSIDER = "127.0.10.5";
    private static final String MESSAGE = "From: news@spf.test\r\nTo: bob@tracewall.local\r\nSubject: hello\r\n\r\nhi\r\n";

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS)
        .shippedSecurity()
        .user("bob@tracewall.local", "bobpw")
        .user("carol@tracewall.local", "carolpw")
        .user("dave@tracewall.local", "davepw")
        .build();

    @BeforeAll
    static void zones() {
        DNS.zone().txt("spf.test", "v=spf1 ip4:127.0.10.0/24 -all");
    }

    @AfterAll
    static void stopDns() {
        DNS.close();
    }

    private static int mxPort() {
        return james.smtpPorts().get(0);
    }

    private static int smtpsPort() {
        return james.smtpPorts().get(1);
    }

    private static int submissionPort() {
        return james.smtpPorts().get(2);
    }

    // --- Submission ports: AUTH before MAIL (RFC 6409) ---

    @Test
    void theStartTlsSubmissionPortShouldRefuseMailWithoutAuth() throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connect(submissionPort(), OUTSIDER)) {
            smtp.ehlo("out.spf.test");
            assertThat(smtp.startTls().code()).isEqualTo(220);
            smtp.ehlo("out.spf.test");

            SmtpReply reply = smtp.mailFrom("ceo@bank.example");

            assertThat(reply.code()).as(reply.toString()).isEqualTo(530);
            assertThat(reply.text()).startsWith("5.7.0").contains("submission port");
        }
    }

    @Test
    void theImplicitTlsSubmissionPortShouldRefuseMailWithoutAuthAndTakeItWithAuth() throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connectTls(smtpsPort(), OUTSIDER)) {
            smtp.ehlo("laptop.example");
            assertThat(smtp.mailFrom("news@spf.test").code()).isEqualTo(530);
        }
        try (SmtpTestClient smtp = SmtpTestClient.connectTls(smtpsPort(), "127.0.10.6")) {
            smtp.ehlo("laptop.example");
            assertThat(smtp.authPlain("bob@tracewall.local", "bobpw").code()).isEqualTo(235);
            SmtpReply sent = smtp.send("bob@tracewall.local", List.of("carol@tracewall.local"),
                "From: bob@tracewall.local\r\nTo: carol@tracewall.local\r\nSubject: via submission\r\n\r\nhi\r\n");
            assertThat(sent.code()).as(sent.toString()).isEqualTo(250);
        }
    }

    // --- AUTH only over TLS, and no unlimited guessing ---

    @Test
    void authOverPlainTcpShouldBeRefusedAndAcceptedAfterStartTls() throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connect(mxPort(), "127.0.11.1")) {
            smtp.ehlo("laptop.example");
            SmtpReply clear = smtp.authPlain("bob@tracewall.local", "bobpw");
            assertThat(clear.code()).as(clear.toString()).isEqualTo(538);

            assertThat(smtp.startTls().code()).isEqualTo(220);
            smtp.ehlo("laptop.example");
            assertThat(smtp.authPlain("bob@tracewall.local", "bobpw").code()).isEqualTo(235);
        }
    }

    @Test
    void authInClearShouldBeRefusedAlsoFromAnAuthorizedAddress() throws Exception {
        // James does not announce AUTH to 127.0.0.1 (authorizedAddresses, announce forUnauthorizedAddresses)
        // but takes it all the same: without <requireTls> the password would be checked in clear text.
        try (SmtpTestClient smtp = SmtpTestClient.connect(mxPort(), "127.0.0.1")) {
            smtp.ehlo("laptop.example");
            SmtpReply clear = smtp.authPlain("bob@tracewall.local", "bobpw");

            assertThat(clear.code()).as(clear.toString()).isEqualTo(538);
        }
    }

    @Test
    void afterTenWrongPasswordsEvenTheRightOneShouldBeRefusedForTheClientAndTheAccount() throws Exception {
        try (SmtpTestClient smtp = tlsSession("127.0.12.1")) {
            for (int i = 0; i < 10; i++) {
                assertThat(smtp.authPlain("carol@tracewall.local", "guess" + i).code()).isEqualTo(535);
            }
        }
        try (SmtpTestClient smtp = tlsSession("127.0.12.1")) {
            SmtpReply right = smtp.authPlain("carol@tracewall.local", "carolpw");
            assertThat(right.code()).as(right.toString()).isEqualTo(454);
            assertThat(right.text()).startsWith("4.7.0").contains("Too many failed logins from 127.0.12.1");
        }
        try (SmtpTestClient smtp = tlsSession("127.0.12.2")) {
            SmtpReply otherClient = smtp.authPlain("carol@tracewall.local", "carolpw");
            assertThat(otherClient.code()).as("the account is locked from any address").isEqualTo(454);
        }
        try (SmtpTestClient smtp = tlsSession("127.0.12.2")) {
            assertThat(smtp.authPlain("dave@tracewall.local", "davepw").code()).as("another account from a clean address")
                .isEqualTo(235);
        }
    }

    @Test
    void guessesInParallelShouldGetNoMoreTriesThanTheLimit() throws Exception {
        int sessions = 16;
        ExecutorService guessers = Executors.newFixedThreadPool(sessions);
        CountDownLatch ready = new CountDownLatch(sessions);
        List<Future<Integer>> replies = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            int n = i;
            replies.add(guessers.submit(() -> {
                try (SmtpTestClient smtp = tlsSession("127.0.15.1")) {
                    ready.countDown();
                    ready.await(60, TimeUnit.SECONDS);
                    // Both mechanisms reach the same hook: half the guessers use each.
                    return (n % 2 == 0 ? smtp.authPlain("erin@tracewall.local", "guess" + n)
                        : smtp.authLogin("erin@tracewall.local", "guess" + n)).code();
                }
            }));
        }
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> reply : replies) {
            codes.add(reply.get(2, TimeUnit.MINUTES));
        }
        guessers.shutdown();

        assertThat(codes).as("wrong passwords checked (535) out of %s", codes).filteredOn(code -> code == 535).hasSize(10);
        assertThat(codes).filteredOn(code -> code == 454).hasSize(sessions - 10);
    }

    private static SmtpTestClient tlsSession(String clientIp) throws IOException {
        SmtpTestClient smtp = SmtpTestClient.connect(mxPort(), clientIp);
        smtp.ehlo("laptop.example");
        assertThat(smtp.startTls().code()).isEqualTo(220);
        smtp.ehlo("laptop.example");
        return smtp;
    }

    @Test
    void imapLoginWithoutTlsShouldBeRefused() throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.13.1"), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", james.imapPort()), 10_000);
            socket.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            in.readLine();
            out.write("a1 LOGIN bob@tracewall.local bobpw\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();

            assertThat(untilTagged(in, "a1")).startsWith("a1 NO");

            out.write("a2 STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(untilTagged(in, "a2")).startsWith("a2 OK");
            SSLSocket tls = (SSLSocket) TestTls.trustingEveryone().getSocketFactory()
                .createSocket(socket, "127.0.0.1", james.imapPort(), true);
            tls.startHandshake();
            BufferedReader tlsIn = new BufferedReader(new InputStreamReader(tls.getInputStream(), StandardCharsets.US_ASCII));
            tls.getOutputStream().write("a3 LOGIN bob@tracewall.local bobpw\r\n".getBytes(StandardCharsets.US_ASCII));
            tls.getOutputStream().flush();
            assertThat(untilTagged(tlsIn, "a3")).startsWith("a3 OK");
        }
    }

    private static String untilTagged(BufferedReader in, String tag) throws IOException {
        for (int i = 0; i < 20; i++) {
            String line = in.readLine();
            if (line == null || line.startsWith(tag + " ")) {
                return String.valueOf(line);
            }
        }
        return "no tagged answer";
    }

    // --- WebAdmin: token, no CORS, Host and Origin checked ---

    @Test
    void webAdminShouldRefuseARequestWithoutToken() throws Exception {
        assertThat(http("GET", "/users", "127.0.0.1", null, null)).startsWith("HTTP/1.1 401");
        assertThat(http("PUT", "/users/mallory@tracewall.local", "127.0.0.1", null, "{\"password\":\"x\"}"))
            .startsWith("HTTP/1.1 401");
    }

    @Test
    void webAdminShouldServeAnAdminTokenWithoutBlanketCorsHeaders() throws Exception {
        String answer = http("GET", "/domains", "127.0.0.1", null, null);

        assertThat(answer).startsWith("HTTP/1.1 200");
        assertThat(answer.toLowerCase()).doesNotContain("access-control-allow-origin");
    }

    @Test
    void webAdminShouldRefuseAPageOfAnotherOriginEvenWithAToken() throws Exception {
        String answer = http("GET", "/domains", "127.0.0.1", "http://evil.example", null);

        assertThat(answer).startsWith("HTTP/1.1 403").contains("webadmin.allowedOrigins");
        assertThat(answer.toLowerCase()).doesNotContain("access-control-allow-origin");
    }

    @Test
    void webAdminShouldRefuseAForeignHostName() throws Exception {
        assertThat(http("GET", "/domains", "rebound.evil.example:8000", null, null)).startsWith("HTTP/1.1 403")
            .contains("webadmin.allowedHosts");
    }

    /** One raw HTTP/1.1 exchange with an admin token: the JDK client cannot send a Host of our choosing. */
    private static String http(String method, String path, String host, String origin, String body) throws IOException {
        boolean withToken = !path.startsWith("/users");
        StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n");
        if (withToken) {
            request.append("Authorization: Bearer ").append(james.webAdminToken("{\"sub\":\"admin@tracewall.local\",\"admin\":true}"))
                .append("\r\n");
        }
        if (origin != null) {
            request.append("Origin: ").append(origin).append("\r\n");
        }
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        request.append("Content-Length: ").append(content.length).append("\r\n\r\n");
        try (Socket socket = new Socket("127.0.0.1", james.webAdminPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(content);
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // --- Header injection and forged gateway headers ---

    @Test
    void aBareCrInEhloShouldBeRefused() throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connect(mxPort(), OUTSIDER)) {
            SmtpReply reply = smtp.command("EHLO evil.invalid\rX-Injected: yes");

            assertThat(reply.code()).as(reply.toString()).isEqualTo(501);
            assertThat(reply.text()).contains("Control characters");
        }
    }

    @Test
    void headersOnlyTheGatewayWritesShouldNotSurviveFromOutside() throws Exception {
        String headers = "From: news@spf.test\r\nTo: bob@tracewall.local\r\nSubject: forged headers\r\n"
            + "X-Tracewall-Virus-Scan: clean\r\nX-Tracewall-Disclaimer: added\r\nX-Spam-Flag: NO\r\nX-Spam-Score: -10\r\n"
            + "X-Spam-Status: No, score=-10 required=99 tests=FORGED\r\n"
            + "Authentication-Results: (trust me) " + authservId() + "; dkim=pass header.d=bank.example\r\n";
        try (SmtpTestClient smtp = SmtpTestClient.connect(mxPort(), OUTSIDER)) {
            smtp.ehlo("out.spf.test");
            SmtpReply reply = smtp.send("news@spf.test", List.of("bob@tracewall.local"), headers + "\r\nhi\r\n");
            assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
        }
        String delivered = firstMessageOf("bob@tracewall.local", "bobpw", "forged headers");

        assertThat(delivered).doesNotContain("X-Tracewall-Virus-Scan").doesNotContain("X-Tracewall-Disclaimer")
            .doesNotContain("X-Spam-Score: -10").doesNotContain("tests=FORGED").doesNotContain("dkim=pass");
        assertThat(delivered.split("X-Spam-Flag: ", -1)).as("only the gateway's own flag").hasSize(2);
        assertThat(delivered).contains("Authentication-Results: " + authservId() + ";");
    }

    /** The authserv-id RecordTraceability writes by default: this host's name ($HOSTNAME, else the JDK's). */
    private static String authservId() throws IOException {
        String fromEnvironment = System.getenv("HOSTNAME");
        return fromEnvironment != null && fromEnvironment.matches("[A-Za-z0-9._-]+") ? fromEnvironment
            : InetAddress.getLocalHost().getHostName();
    }

    private static String firstMessageOf(String user, String password, String subject) throws IOException {
        return StartTlsImap.awaitMessage(james.imapPort(), user, password, subject, Duration.ofSeconds(30));
    }

    @Test
    void postmasterAtALocalDomainShouldBeAccepted() throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connect(mxPort(), OUTSIDER)) {
            smtp.ehlo("out.spf.test");
            assertThat(smtp.mailFrom("news@spf.test").code()).isEqualTo(250);

            SmtpReply reply = smtp.rcptTo("postmaster@tracewall.local");

            assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
        }
    }

    // --- Limits: size, headers, connections per address ---

    @Test
    void aMessageOverTheSizeLimitShouldBeRefusedAtMailFrom() throws Exception {
        try (SmtpTestClient smtp = SmtpTestClient.connect(mxPort(), OUTSIDER)) {
            assertThat(smtp.ehlo("out.spf.test").toString()).contains("SIZE 52428800");

            SmtpReply reply = smtp.command("MAIL FROM:<news@spf.test> SIZE=110000000");

            assertThat(reply.code()).as(reply.toString()).isEqualTo(552);
        }
    }

    @Test
    void aClientNetworkShouldNotHoldMoreThanFourSessionsWaitingOnDnsButKnownDomainsStillPass() throws Exception {
        warmTheCacheFor("127.0.15.10", "news@spf.test");
        List<SmtpTestClient> waiting = waitOnDns(List.of("127.0.15.1", "127.0.15.2", "127.0.15.3", "127.0.15.4"),
            List.of("a@never1.test", "a@never2.test", "a@never3.test", "a@never4.test"));
        try {
            assertDeferredForDns("127.0.15.9", "a@never5.test");

            try (SmtpTestClient known = SmtpTestClient.connect(mxPort(), "127.0.15.10")) {
                known.ehlo("out.spf.test");
                SmtpReply reply = known.mailFrom("news@spf.test");
                assertThat(reply.text()).as("a client and domain in the DNS cache need no permit: %s", reply)
                    .doesNotContain("waiting for DNS");
            }
            for (SmtpTestClient smtp : waiting) {
                assertThat(smtp.readReply().code()).as("a DNS timeout is temporary").isBetween(400, 499);
            }
        } finally {
            closeAll(waiting);
        }
    }

    @Test
    void sessionsFromManyNetworksShouldNotHoldMoreThanFourWaitingOnOneSlowZone() throws Exception {
        List<SmtpTestClient> waiting = waitOnDns(List.of("127.0.16.1", "127.0.17.1", "127.0.18.1", "127.0.19.1"),
            List.of("a@h1.slow.test", "a@h2.slow.test", "a@h3.slow.test", "a@h4.slow.test"));
        try {
            assertDeferredForDns("127.0.21.1", "a@h5.slow.test");
        } finally {
            closeAll(waiting);
        }
    }

    /** Sessions from these addresses, each at MAIL FROM with a sender whose domain never answers, until the server asks about all. */
    private static List<SmtpTestClient> waitOnDns(List<String> clients, List<String> senders) throws IOException {
        List<SmtpTestClient> waiting = new ArrayList<>();
        List<String> domains = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            String domain = senders.get(i).substring(senders.get(i).indexOf('@') + 1);
            DNS.zone().fault(domain, Fault.TIMEOUT);
            domains.add(domain);
            SmtpTestClient smtp = SmtpTestClient.connect(mxPort(), clients.get(i));
            waiting.add(smtp);
            smtp.ehlo("out.spf.test");
            smtp.write("MAIL FROM:<" + senders.get(i) + ">");
        }
        // Wait (bounded) until the server is asking about every domain, so that every session waits on DNS.
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> DNS.questions().stream()
            .map(question -> question.name().toLowerCase(java.util.Locale.ROOT).replaceAll("\\.$", ""))
            .filter(domains::contains).distinct().count() == domains.size());
        return waiting;
    }

    private static void assertDeferredForDns(String client, String sender) throws IOException {
        String domain = sender.substring(sender.indexOf('@') + 1);
        DNS.zone().fault(domain, Fault.TIMEOUT);
        try (SmtpTestClient next = SmtpTestClient.connect(mxPort(), client)) {
            next.ehlo("out.spf.test");
            SmtpReply reply = next.mailFrom(sender);

            assertThat(reply.code()).as(reply.toString()).isEqualTo(451);
            assertThat(reply.text()).startsWith("4.4.5").contains("waiting for DNS answers");
        }
    }

    /** One session of this client and sender: the DNS answers about them are cached afterwards. */
    private static void warmTheCacheFor(String client, String sender) throws IOException {
        try (SmtpTestClient smtp = SmtpTestClient.connect(mxPort(), client)) {
            smtp.ehlo("out.spf.test");
            smtp.mailFrom(sender);
        }
    }

    private static void closeAll(List<SmtpTestClient> sessions) throws IOException {
        for (SmtpTestClient smtp : sessions) {
            smtp.close();
        }
    }

    @Test
    void aMessageWithTooManyHeadersShouldBeRefused() throws Exception {
        StringBuilder headers = new StringBuilder("From: news@spf.test\r\nTo: bob@tracewall.local\r\nSubject: many\r\n");
        for (int i = 0; i < 600; i++) {
            headers.append("X-Filler-").append(i).append(": x\r\n");
        }
        try (SmtpTestClient smtp = SmtpTestClient.connect(mxPort(), OUTSIDER)) {
            smtp.ehlo("out.spf.test");
            SmtpReply reply = smtp.send("news@spf.test", List.of("bob@tracewall.local"), headers + "\r\nhi\r\n");

            assertThat(reply.code()).as(reply.toString()).isEqualTo(552);
            assertThat(reply.text()).startsWith("5.3.4").contains("header");
        }
    }

    @Test
    void oneAddressShouldNotHoldMoreThanTwentyConnections() throws Exception {
        List<Socket> opened = new ArrayList<>();
        try {
            for (int i = 0; i < 21; i++) {
                opened.add(SmtpTestClient.connectRaw(mxPort(), "127.0.14.1"));
            }
            // Which of the 21 the server counts last is its business (they are accepted in parallel);
            // that one is answered 421 and closed, every other one answers NOOP.
            List<String> ends = new ArrayList<>();
            for (Socket socket : opened) {
                ends.add(lastLineAfterNoop(socket));
            }
            assertThat(ends).filteredOn(end -> end.startsWith("250")).hasSize(20);
            assertThat(ends).filteredOn(end -> !end.startsWith("250")).singleElement().asString()
                .contains("421 4.7.0 Too many connections from 127.0.14.1");
            try (SmtpTestClient other = SmtpTestClient.connect(mxPort(), "127.0.14.2")) {
                assertThat(other.greeting().code()).as("another address is not affected").isEqualTo(220);
            }
        } finally {
            for (Socket socket : opened) {
                socket.close();
            }
        }
    }

    /** NOOP, then every line up to its answer; a closed connection ends with what it said before closing. */
    private static String lastLineAfterNoop(Socket socket) throws IOException {
        socket.setSoTimeout(30_000);
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        StringBuilder said = new StringBuilder();
        try {
            socket.getOutputStream().write("NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        } catch (IOException closed) {
            // Closed before we spoke: what it said is still in the stream.
        }
        for (int i = 0; i < 10; i++) {
            String line;
            try {
                line = in.readLine();
            } catch (IOException reset) {
                return said.toString();
            }
            if (line == null) {
                return said.toString();
            }
            said.append(line).append('\n');
            if (line.startsWith("250")) {
                return line;
            }
        }
        return said.toString();
    }
}
