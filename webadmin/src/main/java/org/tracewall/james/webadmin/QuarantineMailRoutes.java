package org.tracewall.james.webadmin;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.Header;
import javax.mail.MessagingException;
import javax.mail.Part;
import javax.mail.Session;
import javax.mail.internet.AddressException;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;

import org.apache.james.core.MailAddress;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.apache.james.webadmin.utils.Responses;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.eclipse.jetty.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.james.AuthenticationAttributes;
import org.tracewall.james.QuarantineRelease;
import org.tracewall.james.ScoreAttributes;
import org.tracewall.james.TraceAttributes;
import org.tracewall.james.TracewallRuntime;
import org.tracewall.james.VirusAttributes;
import org.tracewall.reputation.text.AttachmentReader;
import org.tracewall.reputation.text.MessageTextExtractor;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * WebAdmin routes for the mail the quarantine holds: list it (filters by recipient, sender,
 * reason), preview one (its header fields and the text of its text parts, HTML stripped: nothing
 * of it is run or fetched; JSON escapes what a sender put in), release it to some or all of its recipients (as a recipient's signed
 * link does, its origin then learning a good outcome), forward a copy to a local address (an
 * analyst: a new message from the postmaster with the held one attached), delete it. A list reads
 * at most {@value #MAX_SCANNED} held mails. Register in {@code webadmin.properties}:
 * {@code extensions.routes=org.tracewall.james.webadmin.QuarantineMailRoutes}.
 *
 * <pre>
 * GET    /tracewall/quarantine/mails?recipient=bob@tracewall.local&amp;reason=score&amp;since=2026-12-04T08:00:00Z&amp;limit=50
 *        [{"key":"Mail...","sender":"a@b.example","recipients":["bob@tracewall.local"],"subject":"...","reason":"score","detail":"12.00 ..."}]
 * GET    /tracewall/quarantine/mails/KEY                        the same, with "headers" and "text"
 * POST   /tracewall/quarantine/mails/KEY/release  {"recipients": ["bob@tracewall.local"]}   (none: all)   {"released":[...]}
 * POST   /tracewall/quarantine/mails/KEY/forward  {"to": ["analyst@tracewall.local"]}                  204
 * DELETE /tracewall/quarantine/mails/KEY                                                            204
 * </pre>
 */
public class QuarantineMailRoutes implements MountedRoutes {
    public static final String BASE_PATH = "/tracewall/quarantine/mails";
    static final String KEY = ":key";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final int PREVIEW_CHARS = 4000;
    static final int MAX_HEADERS = 100;
    static final int MAX_SCANNED = 10_000;
    /**
     * A request attribute: the one address whose held mail this request may see and release (the
     * dashboard sets it for a signed-in user). Held mail of other recipients is then not there.
     */
    static final String ONLY_FOR = "tracewall.quarantine.onlyFor";
    private static final Logger LOGGER = LoggerFactory.getLogger(QuarantineMailRoutes.class);

    private final TracewallRuntime runtime;
    private final MailRepositoryStore repositories;
    private final MailetContext context;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    public QuarantineMailRoutes(TracewallRuntime runtime, MailRepositoryStore repositories, MailetContext context) {
        this.runtime = runtime;
        this.repositories = repositories;
        this.context = context;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service, String base) {
        service.get(base, this::list, json);
        service.get(base + "/" + KEY, this::preview, json);
        service.post(base + "/" + KEY + "/release", this::release, json);
        service.post(base + "/" + KEY + "/forward", this::forward);
        service.delete(base + "/" + KEY, this::delete);
    }

    private Object list(Request request, Response response) throws Exception {
        String recipient = onlyFor(request).orElse(lower(request.queryParams("recipient")));
        String sender = lower(request.queryParams("sender"));
        String reason = lower(request.queryParams("reason"));
        Instant since = since(request);
        int limit = QueryParameters.wholeNumber(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        List<Map<String, Object>> held = new ArrayList<>();
        MailRepository quarantine = quarantine();
        int scanned = 0;
        // Each held mail is read to be filtered: a narrow filter over a big quarantine stops at MAX_SCANNED, not at its end.
        for (Iterator<MailKey> keys = quarantine.list(); keys.hasNext() && held.size() < limit && scanned < MAX_SCANNED; scanned++) {
            MailKey key = keys.next();
            Mail mail = quarantine.retrieve(key);
            try {
                if (mail != null && matches(mail, recipient, sender, reason) && heldSince(mail, since)) {
                    held.add(summary(key, mail, onlyFor(request)));
                }
            } finally {
                LifecycleUtil.dispose(mail);
            }
        }
        return held;
    }

    private Object preview(Request request, Response response) throws Exception {
        MailKey key = key(request);
        Mail mail = held(key, request);
        try {
            Map<String, Object> preview = summary(key, mail, onlyFor(request));
            List<Map<String, String>> headers = new ArrayList<>();
            for (Enumeration<Header> all = mail.getMessage().getAllHeaders(); all.hasMoreElements() && headers.size() < MAX_HEADERS;) {
                Header header = all.nextElement();
                headers.add(Map.of("name", header.getName(), "value", header.getValue()));
            }
            preview.put("headers", headers);
            String text = MessageTextExtractor.extract(mail.getMessage(), AttachmentReader.NONE).body();
            preview.put("text", text.length() > PREVIEW_CHARS ? text.substring(0, PREVIEW_CHARS) : text);
            return preview;
        } finally {
            LifecycleUtil.dispose(mail);
        }
    }

    private Object release(Request request, Response response) throws Exception {
        MailKey key = key(request);
        Mail mail = held(key, request);
        List<MailAddress> asked;
        try {
            Optional<String> onlyFor = onlyFor(request);
            if (onlyFor.isPresent()) {
                asked = List.of(new MailAddress(onlyFor.get()));
            } else {
                asked = request.body().isBlank() ? List.copyOf(mail.getRecipients()) : addresses(request, "recipients");
            }
        } finally {
            LifecycleUtil.dispose(mail);
        }
        List<MailAddress> released = new QuarantineRelease(quarantine(), context, runtime).release(key, asked);
        if (released.isEmpty()) {
            throw RouteErrors.badRequest("The mail is not held for " + asked, null);
        }
        LOGGER.info("tracewall-admin quarantine released {} to {}", key.asString(), released);
        return Map.of("released", released.stream().map(MailAddress::asString).collect(Collectors.toList()));
    }

    /**
     * A copy for an analyst, never the held mail itself: a new message from the postmaster with it
     * attached as it arrived, to local addresses only, so that the server neither resends spam under
     * its forged sender nor relays it out.
     */
    private Object forward(Request request, Response response) throws Exception {
        MailKey key = key(request);
        List<MailAddress> to = addresses(request, "to");
        for (MailAddress address : to) {
            if (!context.isLocalEmail(address)) {
                throw RouteErrors.badRequest("Forward to local addresses only, not " + address.asString(), null);
            }
        }
        Mail mail = held(key, request);
        try {
            context.sendMail(context.getPostmaster(), to, wrapped(mail, key), "transport");
        } finally {
            LifecycleUtil.dispose(mail);
        }
        LOGGER.info("tracewall-admin quarantine forwarded {} to {}", key.asString(), to);
        return Responses.returnNoContent(response);
    }

    private MimeMessage wrapped(Mail mail, MailKey key) throws MessagingException {
        MimeMessage copy = new MimeMessage(Session.getInstance(new Properties()));
        copy.setFrom(context.getPostmaster().asString());
        String subject = mail.getMessage().getSubject();
        copy.setSubject("Quarantined mail: " + (subject == null ? "" : subject), "UTF-8");
        MimeBodyPart note = new MimeBodyPart();
        note.setText("Held in the quarantine (" + reason(mail) + ": " + detail(mail).trim() + "), key " + key.asString()
            + ".\nAttached as it arrived: it may be spam, phishing or a virus. Do not open its links or attachments.\n", "UTF-8");
        MimeBodyPart held = new MimeBodyPart();
        held.setContent(mail.getMessage(), "message/rfc822");
        held.setDisposition(Part.ATTACHMENT);
        copy.setContent(new MimeMultipart(note, held));
        copy.setHeader("Auto-Submitted", "auto-generated");
        copy.saveChanges();
        return copy;
    }

    private Object delete(Request request, Response response) throws Exception {
        MailKey key = key(request);
        LifecycleUtil.dispose(held(key, request));
        quarantine().remove(key);
        LOGGER.info("tracewall-admin quarantine deleted {}", key.asString());
        return Responses.returnNoContent(response);
    }

    /** {@code onlyFor}: the one recipient who asks, who sees no other (Bcc'd ones included). */
    private static Map<String, Object> summary(MailKey key, Mail mail, Optional<String> onlyFor) throws MessagingException {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("key", key.asString());
        summary.put("sender", mail.getMaybeSender().asString());
        summary.put("recipients", onlyFor.map(List::of)
            .orElseGet(() -> mail.getRecipients().stream().map(MailAddress::asString).collect(Collectors.toList())));
        String subject = mail.getMessage().getSubject();
        summary.put("subject", subject == null ? "" : subject);
        summary.put("heldSince", mail.getLastUpdated() == null ? null : mail.getLastUpdated().toInstant().toString());
        summary.put("reason", reason(mail));
        summary.put("detail", detail(mail));
        return summary;
    }

    /** Why it is held: the virus scan, the From domain's DMARC policy, or the score. */
    static String reason(Mail mail) {
        if (mail.getAttribute(VirusAttributes.VIRUS).isPresent()) {
            return "virus";
        }
        if (mail.getAttribute(AuthenticationAttributes.DMARC_QUARANTINE).isPresent()) {
            return "dmarc";
        }
        return "score";
    }

    private static String detail(Mail mail) {
        switch (reason(mail)) {
            case "virus":
                return TraceAttributes.string(mail, VirusAttributes.VIRUS).orElse("");
            case "dmarc":
                return TraceAttributes.string(mail, AuthenticationAttributes.DMARC_QUARANTINE).orElse("");
            default:
                return mail.getAttribute(ScoreAttributes.SCORE).map(a -> String.valueOf(a.getValue().value())).orElse("")
                    + " " + TraceAttributes.string(mail, ScoreAttributes.RULES).orElse("");
        }
    }

    /** {@code ?since=2026-12-04T08:00:00Z}: mail held at or after that instant; none: all. */
    private static Instant since(Request request) {
        String value = request.queryParams("since");
        if (value == null || value.isBlank()) {
            return Instant.MIN;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw RouteErrors.badRequest("Query parameter 'since' must be an instant such as 2026-12-04T08:00:00Z, got '" + value + "'", e);
        }
    }

    private static boolean heldSince(Mail mail, Instant since) {
        return since == Instant.MIN || mail.getLastUpdated() != null && !mail.getLastUpdated().toInstant().isBefore(since);
    }

    private static boolean matches(Mail mail, String recipient, String sender, String reason) {
        return (recipient == null || mail.getRecipients().stream().anyMatch(r -> r.asString().equalsIgnoreCase(recipient)))
            && (sender == null || mail.getMaybeSender().asString().toLowerCase(Locale.ROOT).contains(sender))
            && (reason == null || reason(mail).equals(reason));
    }

    /** The held mail, if this request may see it: for a request limited to one address, only mail held for it. */
    private Mail held(MailKey key, Request request) throws MessagingException {
        Mail mail = quarantine().retrieve(key);
        Optional<String> onlyFor = onlyFor(request);
        if (mail != null && onlyFor.isPresent() && mail.getRecipients().stream().noneMatch(r -> r.asString().equalsIgnoreCase(onlyFor.get()))) {
            LifecycleUtil.dispose(mail);
            mail = null;
        }
        if (mail == null) {
            throw ErrorResponder.builder().statusCode(HttpStatus.NOT_FOUND_404).type(ErrorResponder.ErrorType.NOT_FOUND)
                .message("The quarantine holds no mail '%s'", key.asString()).haltError();
        }
        return mail;
    }

    private MailRepository quarantine() throws MessagingException {
        return QuarantineRelease.repository(repositories, runtime.quarantine());
    }

    private static Optional<String> onlyFor(Request request) {
        Object address = request.attribute(ONLY_FOR);
        return address == null ? Optional.empty() : Optional.of(address.toString().toLowerCase(Locale.ROOT));
    }

    private static MailKey key(Request request) {
        return new MailKey(request.params(KEY));
    }

    private static List<MailAddress> addresses(Request request, String field) {
        List<MailAddress> addresses = new ArrayList<>();
        for (String value : JsonBodies.strings(JsonBodies.object(request), field)) {
            try {
                addresses.add(new MailAddress(value));
            } catch (AddressException e) {
                throw RouteErrors.badRequest("Invalid address '" + value + "' in '" + field + "'", e);
            }
        }
        return Collections.unmodifiableList(addresses);
    }

    private static String lower(String value) {
        return value == null || value.isBlank() ? null : value.trim().toLowerCase(Locale.ROOT);
    }
}
