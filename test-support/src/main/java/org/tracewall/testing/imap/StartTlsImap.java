package org.tracewall.testing.imap;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    private static final Pattern EXISTS = Pattern.compile("\\* (\\d+) EXISTS");

    private StartTlsImap() {
    }

    /** The FETCH answer with the full text of the first message that has the subject. */
    public static String awaitMessage(int port, String user, String password, String subject, Duration atMost) throws IOException {
        IMAPSClient client = login(port, user, password);
        try {
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

    /** The value of {@code header} in every message of the INBOX, in order (messages without it are skipped). */
    public static List<String> headerValues(int port, String user, String password, String header) throws IOException {
        IMAPSClient client = login(port, user, password);
        try {
            client.select("INBOX");
            Matcher exists = EXISTS.matcher(client.getReplyString());
            int messages = exists.find() ? Integer.parseInt(exists.group(1)) : 0;
            Pattern value = Pattern.compile("(?im)^" + Pattern.quote(header) + ":\\s*(\\S+)");
            List<String> values = new ArrayList<>();
            for (int n = 1; n <= messages; n++) {
                client.fetch(Integer.toString(n), "(BODY.PEEK[HEADER.FIELDS (" + header + ")])");
                Matcher found = value.matcher(client.getReplyString());
                if (found.find()) {
                    values.add(found.group(1));
                }
            }
            return values;
        } finally {
            client.disconnect();
        }
    }

    /** Whether LOGIN (after STARTTLS) with this password succeeds; the server's reply text when not is lost. */
    public static boolean canLogin(int port, String user, String password) throws IOException {
        try {
            login(port, user, password).disconnect();
            return true;
        } catch (IOException refused) {
            if (refused.getMessage() != null && refused.getMessage().startsWith("LOGIN refused")) {
                return false;
            }
            throw refused;
        }
    }

    private static IMAPSClient login(int port, String user, String password) throws IOException {
        IMAPSClient client = new IMAPSClient("TLS", false);
        client.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
        client.connect("127.0.0.1", port);
        if (!client.execTLS()) {
            client.disconnect();
            throw new IOException("STARTTLS refused: " + client.getReplyString());
        }
        if (!client.login(user, password)) {
            client.disconnect();
            throw new IOException("LOGIN refused for " + user + ": " + client.getReplyString());
        }
        return client;
    }
}
