package org.tracewall.core.quarantine;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The text of a reminder digest (提醒信): which messages were held for one recipient,
 * and for each a mailto: link that releases it. Releasing takes a message the recipient sends,
 * authenticated, from their own account: a link that leaks is of no use to anyone else. Sender
 * and subject come from the (hostile) quarantined mail: control characters are removed and both
 * are cut short, so they cannot forge lines of the digest.
 */
public final class DigestText {
    static final int MAX_FIELD = 120;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
        .withZone(ZoneOffset.UTC);

    private DigestText() {
    }

    public static String subject(int count) {
        return "Quarantine: " + count + (count == 1 ? " message" : " messages") + " held for you";
    }

    public static String body(String recipient, List<DigestEntry> entries, String releaseAddress, Instant linksExpire) {
        StringBuilder text = new StringBuilder();
        text.append(entries.size()).append(entries.size() == 1 ? " message" : " messages")
            .append(" for ").append(recipient).append(entries.size() == 1 ? " was" : " were")
            .append(" held in quarantine as probable spam.\n\n");
        for (int i = 0; i < entries.size(); i++) {
            DigestEntry entry = entries.get(i);
            text.append(i + 1).append(". From: ").append(clean(entry.from())).append('\n')
                .append("   Subject: ").append(clean(entry.subject())).append('\n')
                .append("   Received: ").append(WHEN.format(entry.received())).append('\n')
                .append("   Release: mailto:").append(releaseAddress).append("?subject=")
                .append(URLEncoder.encode("RELEASE " + entry.token(), StandardCharsets.UTF_8).replace("+", "%20")).append('\n')
                .append("   (or send a message to ").append(releaseAddress).append(" with the subject: RELEASE ")
                .append(entry.token()).append(")\n\n");
        }
        text.append("Release from your own account, signed in: a release sent by anyone else is refused.\n")
            .append("These links expire on ").append(WHEN.format(linksExpire)).append(".\n");
        return text.toString();
    }

    static String clean(String value) {
        String flat = value == null ? "" : value.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
        return flat.length() <= MAX_FIELD ? flat : flat.substring(0, MAX_FIELD) + "...";
    }
}
