package org.tracewall.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessDbTest {
    @TempDir
    Path dir;
    private Path file;
    private AccessDb db;

    @BeforeEach
    void setUp() throws Exception {
        file = dir.resolve("access");
        Files.writeString(file, String.join("\n",
            "# sendmail access",
            "Connect:192.0.2            REJECT",
            "Connect:192.0.2.7          OK",
            "Connect:IPv6:2001:db8::/32 REJECT",
            "Connect:198.51.100.7       RELAY",
            "From:spammer@example.com   ERROR:5.7.1:\"Go away # really\"",
            "From:example.net           DISCARD",
            "From:bulk@                 ERROR:4.7.0:Slow down",
            "To:sales@tracewall.local   ERROR:\"550 5.2.2 Mailbox full\"",
            "Spam:postmaster@           FRIEND",
            "partner.example            OK   # untagged",
            "Connect:300.1.1            REJECT",
            "Sender:x@example.com       REJECT",
            "From:y@example.com         MAYBE",
            ""));
        db = new AccessDb(file);
    }

    private static InetAddress ip(String address) throws Exception {
        return InetAddress.getByName(address);
    }

    @Test
    void connectShouldUseTheLongestOctetPrefix() throws Exception {
        assertThat(db.connect(ip("192.0.2.99")).map(AccessAction::kind)).contains(AccessAction.Kind.REJECT);
        assertThat(db.connect(ip("192.0.2.7")).map(AccessAction::kind)).contains(AccessAction.Kind.OK);
        assertThat(db.connect(ip("198.51.100.7")).map(AccessAction::kind)).contains(AccessAction.Kind.RELAY);
        assertThat(db.connect(ip("203.0.113.1"))).isEmpty();
    }

    @Test
    void connectShouldMatchIpv6Networks() throws Exception {
        assertThat(db.connect(ip("2001:db8::25")).map(AccessAction::kind)).contains(AccessAction.Kind.REJECT);
        assertThat(db.connect(ip("2001:db9::25"))).isEmpty();
    }

    @Test
    void addressesShouldGoFromTheFullAddressToDomainsToTheLocalPart() {
        AccessAction error = db.address(AccessDb.Tag.FROM, "Spammer@Example.com").orElseThrow();
        assertThat(error.kind()).isEqualTo(AccessAction.Kind.ERROR);
        assertThat(error.status()).contains("5.7.1");
        assertThat(error.text()).contains("Go away # really");

        assertThat(db.address(AccessDb.Tag.FROM, "anyone@mail.example.net").map(AccessAction::kind)).contains(AccessAction.Kind.DISCARD);
        assertThat(db.address(AccessDb.Tag.FROM, "bulk@anywhere.example").orElseThrow().isTemporary()).isTrue();
        assertThat(db.address(AccessDb.Tag.TO, "sales@tracewall.local").orElseThrow().status()).contains("5.2.2");
        assertThat(db.address(AccessDb.Tag.SPAM, "postmaster@tracewall.local").map(AccessAction::kind)).contains(AccessAction.Kind.FRIEND);
    }

    @Test
    void untaggedEntriesShouldApplyToConnectFromAndToButNotSpam() {
        assertThat(db.address(AccessDb.Tag.FROM, "a@partner.example").map(AccessAction::kind)).contains(AccessAction.Kind.OK);
        assertThat(db.address(AccessDb.Tag.TO, "b@partner.example").map(AccessAction::kind)).contains(AccessAction.Kind.OK);
        assertThat(db.address(AccessDb.Tag.SPAM, "b@partner.example")).isEmpty();
    }

    @Test
    void badLinesShouldBeReportedWithTheirNumberAndSkipped() {
        assertThat(db.problems()).containsExactly(
            "line 12: bad address prefix '300.1.1'",
            "line 13: unknown tag 'Sender:' (Connect:, From:, To:, Spam:)",
            "line 14: unknown action 'MAYBE'");
    }

    @Test
    void theFileShouldBeReadAgainWhenItChanges() throws Exception {
        assertThat(db.connect(ip("203.0.113.1"))).isEmpty();

        Files.writeString(file, Files.readString(file) + "Connect:203.0.113 ERROR:4.7.1:Try later\n");

        assertThat(db.connect(ip("203.0.113.1")).orElseThrow().isTemporary()).isTrue();
    }

    @Test
    void runTimeEntriesShouldWinOverTheFilesAndBeReadAsItsLinesAre() throws Exception {
        // A new map on each change, as the state store's reading gives (the merge is made again on a new map only).
        AtomicReference<Map<String, AccessAction>> shared = new AtomicReference<>(Map.of());
        AccessDb withShared = new AccessDb(file, shared::get);
        assertThat(withShared.connect(ip("192.0.2.9"))).map(AccessAction::toString).contains(db.connect(ip("192.0.2.9")).get().toString());

        shared.set(AccessDb.entries("access.", Map.of("access.Connect:192.0.2", "OK", "access.From:fresh.example", "REJECT")));

        assertThat(withShared.connect(ip("192.0.2.9")).get().kind()).isEqualTo(db.connect(ip("192.0.2.7")).get().kind());
        assertThat(withShared.address(AccessDb.Tag.FROM, "a@fresh.example")).isPresent();
        assertThat(db.address(AccessDb.Tag.FROM, "a@fresh.example")).as("the file alone").isEmpty();
        assertThatThrownBy(() -> AccessDb.entries("access.", Map.of("access.Connect:300.1.1", "REJECT")))
            .hasMessageContaining("access.Connect:300.1.1");
        assertThatThrownBy(() -> AccessDb.entries("access.", Map.of("access.From:x.example", "MAYBE")))
            .hasMessageContaining("access.From:x.example");
    }
}
