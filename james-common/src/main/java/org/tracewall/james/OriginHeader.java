package org.tracewall.james;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.tracewall.core.dkim.HeaderField;
import org.tracewall.core.dkim.RawMessage;
import org.tracewall.reputation.sender.OriginStamp;
import org.tracewall.reputation.sender.ReputationFeatures;
import org.tracewall.reputation.sender.ReputationStore;
import org.tracewall.reputation.sender.StampedOrigin;

/**
 * The {@value #NAME} header: the reputation features of a mail as the gateway saw it at SMTP
 * (client address, network, sender domain, HELO, link domains, cluster), signed
 * ({@link OriginStamp}) into the delivered or quarantined message, so that what users later say
 * of it teaches those features, once per delivered mail ({@link ReputationStore#recordOnce}): a
 * spam report a bad outcome, a not-spam report or a release from the quarantine a good one.
 * Without it a report could teach only the text (Bayes, prints): the address it came from is not
 * in the message in a form anyone may trust.
 */
public final class OriginHeader {
    public static final String NAME = "X-Tracewall-Origin";

    private OriginHeader() {
    }

    /** Writes the stamp, replacing any copy (ForgedHeadersHook removed what the sender wrote). */
    public static void write(MimeMessage message, ReputationFeatures features, OriginStamp stamps) throws MessagingException {
        // The stamp is pieces of 64 characters with a space between: one piece per line is what
        // MimeUtility.fold makes of it, without fold's scan (it showed in the container's profile).
        message.setHeader(NAME, stamps.sign(features).replace(" ", "\r\n "));
    }

    /** The origin of the first field that verifies, if any. */
    public static Optional<StampedOrigin> read(byte[] message, OriginStamp stamps) {
        return first(RawMessage.parse(message).fields(NAME).stream().map(HeaderField::value), stamps);
    }

    /** As {@link #read(byte[], OriginStamp)}, from a parsed message (a held one, released). */
    public static Optional<StampedOrigin> read(MimeMessage message, OriginStamp stamps) throws MessagingException {
        String[] values = message.getHeader(NAME);
        return values == null ? Optional.empty() : first(Arrays.stream(values), stamps);
    }

    private static Optional<StampedOrigin> first(Stream<String> values, OriginStamp stamps) {
        return values.map(stamps::verify).flatMap(Optional::stream).findFirst();
    }
}
