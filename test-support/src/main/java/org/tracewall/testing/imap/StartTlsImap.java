package org.tracewall.testing.imap;

import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.net.imap.IMAPSClient;
import org.apache.commons.net.util.TrustManagerUtils;
import org.awaitility.Awaitility;

/**
 * Reads a mailbox the way the shipped servers allow it: STARTTLS first (LOGIN is refused in clear
 * text), then LOGIN, then the INBOX until a message with the subject is there (bounded wait).
 * The test server's self-signed certificate is accepted.
 */
public final class StartTlsImap {
    private static final Pattern SEARCH = Pattern.compile("\\* SEARCH (\\d+)");

    private StartTlsImap() {
    }

    /** The FETCH answer with the full text of the first message that has the subject. */
    public static String awaitMessage(int port, String user, String password, String subject, Duration atMost) throws IOException {
        IMAPSClient client = new IMAPSClient("TLS", false);
        client.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
        client.connect("127.0.0.1", port);
        try {
            if (!client.execTLS()) {
                throw new IOException("STARTTLS refused: " + client.getReplyString());
            }
            if (!client.login(user, password)) {
                throw new IOException("LOGIN refused for " + user + ": " + client.getReplyString());
            }
            // One message per FETCH: commons-net misreads a FETCH answer with several literals.
            String number = Awaitility.await().atMost(atMost).until(() -> {
                client.select("INBOX");
                client.search("SUBJECT \"" + subject.replace("\"", "") + "\"");
                Matcher found = SEARCH.matcher(client.getReplyString());
                return found.find() ? found.group(1) : "";
            }, n -> !n.isEmpty());
            client.fetch(number, "(BODY[])");
            return client.getReplyString();
        } finally {
            client.disconnect();
        }
    }
}
