package org.tracewall.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.smtp.SmtpReply;
import org.tracewall.testing.smtp.SmtpTestClient;

/**
 * What an operator does, done to a stock James 3.8.1: the memory server's jars from Maven Central
 * (target/lib, without anything of Tracewall), James's own sample configuration, then only the
 * extension jar and the snippets of dist/INSTALL.md (read from that file). James runs in its own
 * process with its stock main class.
 *
 * <p>Test-environment changes only: free loopback ports, a generated keystore for the sample's TLS
 * ports, loopback DNS, IMAP plain login allowed for the test client, logs under the working
 * directory, and authorizedAddresses narrowed to 127.0.0.1 so that other loopback addresses play
 * Internet clients.
 */
class StockJamesDropInIT {
    private static final Pattern SNIPPET = Pattern.compile("```\\w+ ([\\w.]+)\\n(.*?)```", Pattern.DOTALL);
    private static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();

    @TempDir
    static Path work;
    static JamesProcess james;
    static int smtp;
    static int imap;
    static int webAdmin;

    @BeforeAll
    static void startStockJames() throws Exception {
        Path target = Path.of(System.getProperty("tracewall.app.dir", "target"));
        Path conf = work.resolve("conf");
        copySampleConfiguration(conf);
        testEnvironment(conf);
        pasteInstallSnippets(conf, target.resolve("../../dist/INSTALL.md").normalize());
        Files.writeString(conf.resolve("tracewall.properties"),
            "dns.servers=" + DNS.hostAndPort() + "\ngreylist.delay=0s\n");
        Files.createDirectories(work.resolve("extensions-jars"));
        Files.copy(target.resolve("ext/tracewall-extension.jar"), work.resolve("extensions-jars/tracewall-extension.jar"));
        DNS.zone().mx("mx.test", 10, "mx1.mx.test").a("mx1.mx.test", "127.0.30.10").txt("neutral.test", "v=spf1 ?all");

        String classPath;
        try (Stream<Path> jars = Files.list(target.resolve("lib"))) {
            classPath = jars.filter(p -> !p.getFileName().toString().startsWith("tracewall-")).map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator));
        }
        james = JamesProcess.start(work, List.of("-Dlogback.configurationFile=" + conf.resolve("logback.xml"),
            "-cp", classPath, "org.apache.james.MemoryJamesServerMain"), smtp, "JAMES server started");
        provision();
    }

    @AfterAll
    static void stop() throws Exception {
        DNS.close();
        if (james != null) {
            james.close();
        }
    }

    @Test
    void theHookShouldRejectAnUntraceableSender() throws Exception {
        try (SmtpTestClient client = SmtpTestClient.connect(smtp, "127.0.40.5")) {
            client.ehlo("relay.elsewhere.test");
            SmtpReply reply = client.mailFrom("alice@mx.test");
            assertThat(reply.code()).as("%s%n%s", reply, james.tail()).isEqualTo(550);
            assertThat(reply.text()).contains("not traceable to mx.test");
        }
    }

    @Test
    void theMailetAndTheMatcherShouldAnnotateAcceptedMail() throws Exception {
        send("127.0.30.77", "out.mx.test", "alice@mx.test", "traced");
        for (int attempt = 0; attempt < 2; attempt++) {
            // Not traced (SPF neutral): greylisted once, then accepted and tagged.
            send("127.0.80.5", "out.neutral.test", "news@neutral.test", "neutral");
        }

        try (TestIMAPClient client = new TestIMAPClient()) {
            client.connect("127.0.0.1", imap).login("bob@tracewall.local", "bobpw").select(TestIMAPClient.INBOX)
                .awaitMessageCount(Awaitility.await().atMost(Duration.ofSeconds(30)), 2);
            // The spool delivers in parallel: read both messages, in whatever order they arrived.
            String headers = client.sendCommand("FETCH 1:2 (BODY[HEADER])");
            assertThat(headers).contains("Subject: traced").contains("x-traceability=pass (mx-neighbour /24 of mx1.mx.test)");
            assertThat(headers).contains("Subject: [unverified] neutral").contains("result=unknown; reason=spf-neutral");
            assertThat(headers).doesNotContain("Subject: [unverified] traced");
        }
    }

    private static void send(String clientIp, String helo, String from, String subject) throws IOException {
        try (SmtpTestClient client = SmtpTestClient.connect(smtp, clientIp)) {
            client.ehlo(helo);
            SmtpReply reply = client.send(from, List.of("bob@tracewall.local"),
                "From: " + from + "\r\nTo: bob@tracewall.local\r\nSubject: " + subject + "\r\n\r\nhello\r\n");
            assertThat(reply.code()).as(reply.toString()).isIn(250, 451);
        }
    }

    private static void copySampleConfiguration(Path conf) throws IOException {
        Files.createDirectories(conf);
        for (String name : List.of("deletedMessageVault.properties", "dnsservice.xml", "domainlist.xml", "extensions.properties",
            "healthcheck.properties", "imapserver.xml", "jmap.properties", "jmx.properties", "jvm.properties", "listeners.xml",
            "logback.xml", "mailetcontainer.xml", "mailrepositorystore.xml", "managesieveserver.xml", "pop3server.xml",
            "recipientrewritetable.xml", "smtpserver.xml", "usersrepository.xml", "webadmin.properties")) {
            try (InputStream in = StockJamesDropInIT.class.getResourceAsStream("/james-3.8.1-sample-conf/" + name)) {
                Files.copy(in, conf.resolve(name));
            }
        }
    }

    private static void testEnvironment(Path conf) throws Exception {
        smtp = JamesProcess.freePort();
        imap = JamesProcess.freePort();
        webAdmin = JamesProcess.freePort();
        JamesProcess.rewrite(conf.resolve("smtpserver.xml"), "<bind>0.0.0.0:25</bind>", "<bind>127.0.0.1:" + smtp + "</bind>");
        JamesProcess.rewrite(conf.resolve("smtpserver.xml"), "<bind>0.0.0.0:465</bind>", "<bind>127.0.0.1:" + JamesProcess.freePort() + "</bind>");
        JamesProcess.rewrite(conf.resolve("smtpserver.xml"), "<bind>0.0.0.0:587</bind>", "<bind>127.0.0.1:" + JamesProcess.freePort() + "</bind>");
        JamesProcess.rewrite(conf.resolve("smtpserver.xml"), "<authorizedAddresses>127.0.0.0/8</authorizedAddresses>",
            "<authorizedAddresses>127.0.0.1/32</authorizedAddresses>");
        JamesProcess.rewrite(conf.resolve("imapserver.xml"), "<bind>0.0.0.0:143</bind>", "<bind>127.0.0.1:" + imap + "</bind>");
        JamesProcess.rewrite(conf.resolve("imapserver.xml"), "<bind>0.0.0.0:993</bind>", "<bind>127.0.0.1:" + JamesProcess.freePort() + "</bind>");
        JamesProcess.rewrite(conf.resolve("imapserver.xml"), "<plainAuthDisallowed>true</plainAuthDisallowed>",
            "<plainAuthDisallowed>false</plainAuthDisallowed>");
        JamesProcess.rewrite(conf.resolve("webadmin.properties"), "port=8000", "port=" + webAdmin);
        JamesProcess.rewrite(conf.resolve("jmx.properties"), "jmx.port=9999", "jmx.port=" + JamesProcess.freePort());
        JamesProcess.rewrite(conf.resolve("logback.xml"), "/logs/james", work.resolve("logs").toString() + "/james");
        Files.writeString(conf.resolve("dnsservice.xml"), JamesProcess.LOOPBACK_DNSSERVICE_XML);
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
            "-genkeypair", "-alias", "james", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30", "-storetype", "PKCS12",
            "-keystore", conf.resolve("keystore").toString(), "-storepass", "james72laBalle", "-keypass", "james72laBalle",
            "-dname", "CN=localhost").redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0).as("keytool").isTrue();
    }

    /** Pastes the INSTALL.md snippets where INSTALL.md says to. */
    private static void pasteInstallSnippets(Path conf, Path installMd) throws IOException {
        String install = Files.readString(installMd, StandardCharsets.UTF_8);
        Matcher m = SNIPPET.matcher(install);
        int pasted = 0;
        while (m.find()) {
            String file = m.group(1);
            String snippet = m.group(2);
            switch (file) {
                case "smtpserver.xml":
                    insertBeforeFirst(conf.resolve(file), "<handler class=\"org.apache.james.smtpserver.fastfail.ValidRcptHandler\"/>", snippet);
                    break;
                case "mailetcontainer.xml":
                    insertAfterFirst(conf.resolve(file), "<mailet match=\"All\" class=\"PostmasterAlias\"/>", snippet);
                    break;
                case "webadmin.properties":
                    Files.writeString(conf.resolve(file), Files.readString(conf.resolve(file)) + "\n" + snippet);
                    break;
                default:
                    throw new IllegalStateException("INSTALL.md has a snippet for an unknown file: " + file);
            }
            pasted++;
        }
        assertThat(pasted).as("snippets found in %s", installMd).isEqualTo(3);
    }

    private static void insertBeforeFirst(Path file, String anchor, String snippet) throws IOException {
        String content = Files.readString(file);
        int at = content.indexOf(anchor);
        assertThat(at).as("%s in %s", anchor, file).isNotNegative();
        Files.writeString(file, content.substring(0, at) + snippet + content.substring(at));
    }

    private static void insertAfterFirst(Path file, String anchor, String snippet) throws IOException {
        String content = Files.readString(file);
        int at = content.indexOf(anchor);
        assertThat(at).as("%s in %s", anchor, file).isNotNegative();
        at += anchor.length();
        Files.writeString(file, content.substring(0, at) + "\n" + snippet + content.substring(at));
    }

    /** Domain and user through James's WebAdmin, as an operator would. */
    private static void provision() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + webAdmin;
        HttpResponse<String> domain = http.send(HttpRequest.newBuilder(URI.create(base + "/domains/tracewall.local"))
            .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(domain.statusCode()).as(domain.body()).isEqualTo(204);
        HttpResponse<String> user = http.send(HttpRequest.newBuilder(URI.create(base + "/users/bob@tracewall.local"))
            .PUT(HttpRequest.BodyPublishers.ofString("{\"password\":\"bobpw\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(user.statusCode()).as(user.body()).isEqualTo(204);
    }
}
