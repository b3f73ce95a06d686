package org.tracewall.james.mailets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;
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
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.quarantine.InvalidReleaseTokenException;
import org.tracewall.core.quarantine.ReleaseToken;
import org.tracewall.core.store.StoreUnavailableException;
import org.tracewall.james.QuarantineRelease;
import org.tracewall.james.Tracewall;
import org.tracewall.james.TracewallRuntime;

/**
 * Releases quarantined mail on the recipient's request: the reminder digest's links send a
 * message to the release address with {@code RELEASE <token>} in its subject (several tokens may
 * be in the subject or body). A token is honoured only when its signature holds, it has not
 * expired, the request was sent by the authenticated user the token names, and that user is
 * local: a leaked link is of no use to anyone else, and a release can never reach an outside
 * address (no relay). The held mail goes to the transport processor for that one recipient only;
 * it leaves the quarantine with its last recipient. A release is the recipient's word that the
 * mail is wanted: its signed origin ({@code X-Tracewall-Origin}) learns a good outcome. The requester gets a short reply saying what
 * was released and what refused, and why (only authenticated requests are answered: no
 * backscatter). The request itself is consumed (GHOST); the attribute {@link #RELEASED} counts
 * what it released.
 *
 * <pre>{@code
 * <mailet match="RecipientIs=quarantine-release@tracewall.local" class="org.tracewall.james.mailets.ReleaseFromQuarantine"/>
 * }</pre>
 */
public class ReleaseFromQuarantine extends GenericMailet {
    public static final AttributeName RELEASED = AttributeName.of(Tracewall.NAMESPACE + ".quarantine.released");
    private static final Logger LOGGER = LoggerFactory.getLogger(ReleaseFromQuarantine.class);
    private static final Pattern RELEASE = Pattern.compile("RELEASE\\s+(v1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[0-9]{1,12}\\.[A-Za-z0-9_-]+)");
    private static final int MAX_TOKENS = 50;
    private static final String RELEASED_OUTCOME = "released";
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final TracewallRuntime runtime;
    private final MailRepositoryStore repositories;
    private final DomainList domains;

    @Inject
    public ReleaseFromQuarantine(TracewallRuntime runtime, MailRepositoryStore repositories, DomainList domains) {
        this.runtime = runtime;
        this.repositories = repositories;
        this.domains = domains;
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of());
    }

    @Override
    public void service(Mail request) throws MessagingException {
        int released = 0;
        String user = request.getAttribute(Mail.SMTP_AUTH_USER).map(a -> String.valueOf(a.getValue().value())).orElse(null);
        if (user == null) {
            LOGGER.warn("quarantine-release: ignoring {} from <{}>: not authenticated", request.getName(),
                request.getMaybeSender().asString());
        } else {
            List<String> outcomes = new ArrayList<>();
            for (String token : tokens(request)) {
                String outcome = release(token, user.toLowerCase(Locale.ROOT));
                released += outcome.equals(RELEASED_OUTCOME) ? 1 : 0;
                outcomes.add(outcome);
            }
            reply(request, user, released, outcomes);
        }
        request.setAttribute(new Attribute(RELEASED, AttributeValue.of(released)));
        request.setState(Mail.GHOST);
    }

    /** @return {@link #RELEASED_OUTCOME}, or why not */
    private String release(String signed, String user) throws MessagingException {
        ReleaseToken token;
        try {
            token = runtime.releaseTokens().verify(signed, runtime.now());
        } catch (InvalidReleaseTokenException e) {
            LOGGER.warn("quarantine-release: refused for {}: {}", user, e.getMessage());
            return "refused: " + e.getMessage();
        } catch (StoreUnavailableException e) {
            LOGGER.warn("quarantine-release: not now for {}: {}", user, e.getMessage());
            return "not now: the server cannot check release links at the moment, try again later";
        }
        MailAddress recipient = new MailAddress(token.recipient());
        if (!isUser(user, recipient) || !getMailetContext().isLocalEmail(recipient)) {
            LOGGER.warn("quarantine-release: refused: {} asked for mail held for {}", user, recipient.asString());
            return "refused: this link is not yours (send it from the account it was sent to)";
        }
        List<MailAddress> released = new QuarantineRelease(quarantine(), getMailetContext(), runtime)
            .release(new MailKey(token.mailKey()), List.of(recipient));
        if (released.isEmpty()) {
            LOGGER.info("quarantine-release: {} for {} is no longer held", token.mailKey(), recipient.asString());
            return "no longer held (released or deleted already)";
        }
        LOGGER.info("quarantine-release: {} released {} to {}", user, token.mailKey(), recipient.asString());
        return RELEASED_OUTCOME;
    }

    private void reply(Mail request, String user, int released, List<String> outcomes) throws MessagingException {
        MailAddress to = new MailAddress(user.contains("@") ? user : user + "@" + defaultDomain());
        MailAddress from = request.getRecipients().iterator().next();
        StringBuilder text = new StringBuilder();
        if (outcomes.isEmpty()) {
            text.append("No release token was found in your message (expected: RELEASE v1....).\n");
        }
        for (int i = 0; i < outcomes.size(); i++) {
            text.append(i + 1).append(". ").append(outcomes.get(i)).append('\n');
        }
        MimeMessage reply = new MimeMessage(Session.getInstance(new Properties()));
        reply.setFrom(from.asString());
        reply.setRecipients(Message.RecipientType.TO, to.asString());
        reply.setSubject("Quarantine release: " + released + " released, " + (outcomes.size() - released) + " not");
        reply.setHeader("Auto-Submitted", "auto-replied");
        String requestId = request.getMessage().getMessageID();
        if (requestId != null) {
            reply.setHeader("In-Reply-To", requestId);
        }
        reply.setText(text.toString(), "UTF-8");
        reply.saveChanges();
        getMailetContext().sendMail(from, List.of(to), reply, "transport");
    }

    private String defaultDomain() throws MessagingException {
        try {
            return domains.getDefaultDomain().asString();
        } catch (DomainListException e) {
            throw new MessagingException("No default domain", e);
        }
    }

    /** The authenticated name is the address, or its local part when James runs without virtual hosting. */
    private static boolean isUser(String user, MailAddress recipient) {
        return user.contains("@") ? user.equals(recipient.asString()) : user.equals(recipient.getLocalPart());
    }

    private MailRepository quarantine() throws MessagingException {
        return QuarantineRelease.repository(repositories, runtime.quarantine());
    }

    private static Set<String> tokens(Mail request) throws MessagingException {
        String text = request.getMessage().getSubject() + "\n" + body(request);
        Set<String> tokens = new LinkedHashSet<>();
        Matcher m = RELEASE.matcher(text);
        while (m.find() && tokens.size() < MAX_TOKENS) {
            tokens.add(m.group(1));
        }
        return tokens;
    }

    private static String body(Mail request) {
        try (InputStream in = request.getMessage().getInputStream()) {
            return new String(in.readNBytes(MAX_BODY_BYTES), StandardCharsets.UTF_8);
        } catch (IOException | MessagingException | RuntimeException e) {
            return "";
        }
    }

    @Override
    public String getMailetInfo() {
        return "Release From Quarantine";
    }
}
