package org.tracewall.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;

import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.tracewall.core.trace.DisplayedAddresses;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer over the header-sender reader with the property sender binding relies on: no From (or
 * Sender) value that a lenient parser reads as a local address passes. The oracles are the two
 * parsers a James deployment uses on the same headers, mime4j's lenient parser and javax.mail's
 * non-strict one; if either reads an address at the local domain, {@link DisplayedAddresses} must
 * read one too, or refuse the headers. It must never throw either. The regression inputs (the
 * forged From forms this test was written for) run in every build.
 */
class DisplayedAddressesFuzzTest {
    private static final String LOCAL = "tracewall.local";

    @FuzzTest(maxDuration = "60s")
    void localAddressesShouldNeverPass(byte[] data) {
        String value = new String(data, StandardCharsets.UTF_8);
        List<String> oracle = oracleDomains(value);
        boolean oracleLocal = oracle.stream().anyMatch(d -> DisplayedAddresses.normaliseDomain(d).equals(LOCAL));

        DisplayedAddresses asFrom = DisplayedAddresses.read(List.of(value), List.of());
        DisplayedAddresses asSender = DisplayedAddresses.read(List.of("news@example.org"), List.of(value));

        if (oracleLocal) {
            assertThat(asFrom.problem().isPresent() || hasLocal(asFrom.from()))
                .as("From: %s read by the oracles as %s, by DisplayedAddresses as %s", value, oracle, asFrom).isTrue();
            assertThat(asSender.problem().isPresent() || hasLocal(asSender.sender()))
                .as("Sender: %s read by the oracles as %s, by DisplayedAddresses as %s", value, oracle, asSender).isTrue();
        }
    }

    private static boolean hasLocal(List<String> addresses) {
        return addresses.stream().anyMatch(a -> a.substring(a.lastIndexOf('@') + 1).equals(LOCAL));
    }

    private static List<String> oracleDomains(String value) {
        List<String> domains = new ArrayList<>();
        mime4j(value, domains);
        javaMail(value, domains);
        return domains;
    }

    private static void mime4j(String value, List<String> domains) {
        try {
            for (Mailbox mailbox : LenientAddressParser.DEFAULT.parseAddressList(value).flatten()) {
                if (mailbox.getDomain() != null) {
                    domains.add(mailbox.getDomain());
                }
            }
        } catch (RuntimeException e) {
            // The oracle gave up: it reads no address.
        }
    }

    private static void javaMail(String value, List<String> domains) {
        try {
            for (InternetAddress address : InternetAddress.parseHeader(value, false)) {
                addDomain(address, domains);
                if (address.isGroup()) {
                    for (InternetAddress member : address.getGroup(false)) {
                        addDomain(member, domains);
                    }
                }
            }
        } catch (AddressException | RuntimeException e) {
            // The oracle gave up: it reads no address.
        }
    }

    private static void addDomain(InternetAddress address, List<String> domains) {
        String text = address.getAddress();
        if (text != null && text.indexOf('@') >= 0) {
            domains.add(text.substring(text.lastIndexOf('@') + 1));
        }
    }
}
