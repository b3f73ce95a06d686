package org.tracewall.james.webadmin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.quarantine.DigestEntry;
import org.tracewall.core.quarantine.DigestText;
import org.tracewall.core.quarantine.QuarantineConfig;
import org.tracewall.core.quarantine.ReleaseToken;
import org.tracewall.core.quarantine.ReleaseTokens;
import org.tracewall.james.QuarantineRelease;

/**
 * Sends each local recipient of quarantined mail one reminder digest listing what was held, with
 * a signed, expiring release token per message (see {@code ReleaseFromQuarantine}). Digests go
 * straight to the transport processor: they are the server's own mail, not to be scored (they
 * quote spam subjects). Non-local recipients (outbound mail held) get none: their release is the
 * operator's, through WebAdmin. At most {@value #MAX_MAILS} quarantined mails are read per run.
 */
final class QuarantineDigests {
    static final int MAX_MAILS = 10_000;
    private static final Logger LOGGER = LoggerFactory.getLogger(QuarantineDigests.class);
    private static final Session SESSION = Session.getInstance(new Properties());

    /** What one run did. */
    static final class Report {
        final long held;
        final int recipients;
        final int digestsSent;
        final long nonLocalRecipients;

        Report(long held, int recipients, int digestsSent, long nonLocalRecipients) {
            this.held = held;
            this.recipients = recipients;
            this.digestsSent = digestsSent;
            this.nonLocalRecipients = nonLocalRecipients;
        }

        Map<String, Object> asJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("quarantined", held);
            json.put("recipients", recipients);
            json.put("digestsSent", digestsSent);
            json.put("nonLocalRecipients", nonLocalRecipients);
            return json;
        }
    }

    private final MailRepositoryStore repositories;
    private final MailetContext mailetContext;
    private final DomainList domains;
    private final QuarantineConfig config;

    QuarantineDigests(MailRepositoryStore repositories, MailetContext mailetContext, DomainList domains, QuarantineConfig config) {
        this.repositories = repositories;
        this.mailetContext = mailetContext;
        this.domains = domains;
        this.config = config;
    }

    MailRepository repository() throws MessagingException {
        return QuarantineRelease.repository(repositories, config);
    }

    Report send(ReleaseTokens tokens, Instant now) throws MessagingException, DomainListException {
        Instant expires = now.plus(config.linkLifetime());
        Map<MailAddress, List<DigestEntry>> byRecipient = new LinkedHashMap<>();
        long held = 0;
        long nonLocal = 0;
        MailRepository repository = repository();
        Iterator<MailKey> keys = repository.list();
        while (keys.hasNext() && held < MAX_MAILS) {
            MailKey key = keys.next();
            Mail mail = repository.retrieve(key);
            if (mail == null) {
                continue;
            }
            held++;
            for (MailAddress recipient : mail.getRecipients()) {
                if (!domains.containsDomain(recipient.getDomain())) {
                    nonLocal++;
                    continue;
                }
                String token = tokens.sign(new ReleaseToken(key.asString(), recipient.asString(), expires));
                byRecipient.computeIfAbsent(recipient, r -> new ArrayList<>()).add(entry(mail, token));
            }
        }
        String releaseAddress = config.releaseAddress().orElse("quarantine-release@" + domains.getDefaultDomain().asString());
        MailAddress from = new MailAddress(config.digestFrom().orElse("postmaster@" + domains.getDefaultDomain().asString()));
        int sent = 0;
        for (Map.Entry<MailAddress, List<DigestEntry>> digest : byRecipient.entrySet()) {
            mailetContext.sendMail(from, List.of(digest.getKey()),
                message(from, digest.getKey(), digest.getValue(), releaseAddress, expires), "transport");
            sent++;
        }
        LOGGER.info("quarantine-digest: {} held, {} digests sent, {} non-local recipients skipped", held, sent, nonLocal);
        return new Report(held, byRecipient.size(), sent, nonLocal);
    }

    private static DigestEntry entry(Mail mail, String token) throws MessagingException {
        String subject = mail.getMessage() == null ? "" : mail.getMessage().getSubject();
        Instant received = mail.getLastUpdated() == null ? Instant.EPOCH : mail.getLastUpdated().toInstant();
        return new DigestEntry(mail.getMaybeSender().asString(), subject == null ? "" : subject, received, token);
    }

    private static MimeMessage message(MailAddress from, MailAddress to, List<DigestEntry> entries, String releaseAddress,
                                       Instant expires) throws MessagingException {
        MimeMessage message = new MimeMessage(SESSION);
        message.setFrom(from.asString());
        message.setRecipients(Message.RecipientType.TO, to.asString());
        message.setSubject(DigestText.subject(entries.size()), "UTF-8");
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setText(DigestText.body(to.asString(), entries, releaseAddress, expires), "UTF-8");
        message.saveChanges();
        return message;
    }
}
