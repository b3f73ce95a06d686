package org.tracewall.james.mailets;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.tracewall.core.trace.AuthenticationResultsHeader;
import org.tracewall.core.trace.TraceResult;
import org.tracewall.core.trace.TraceabilityChecker;
import org.tracewall.james.AuthenticationAttributes;
import org.tracewall.james.TraceAttributes;
import org.tracewall.james.TracewallRuntime;

/**
 * Records the traceability verdict in the message: an RFC 8601 {@code Authentication-Results}
 * header ({@code spf=...} and {@code x-traceability=...} with the reason as a comment) and an
 * {@code X-Tracewall-Trace} header. Uses the verdict the SMTP hook stored in the mail
 * attributes ({@code org.tracewall.trace.*}); without one (annotate-only mode) it computes
 * and stores it. Headers a sender forged under our authserv-id are removed first (RFC 8601
 * section 5). Mail not received over SMTP is left untouched.
 *
 * <p>Parameter {@code authservId}: the name that identifies this gateway in
 * Authentication-Results (default: this host's name).
 *
 * <pre>{@code
 * <mailet match="All" class="org.tracewall.james.mailets.RecordTraceability"/>
 * }</pre>
 */
public class RecordTraceability extends GenericMailet {
    public static final String TRACE_HEADER = "X-Tracewall-Trace";
    static final String AUTHSERV_ID = "authservId";

    private final TraceabilityChecker checker;
    private String authservId;

    @Inject
    public RecordTraceability(TracewallRuntime runtime) {
        this(runtime.traceability());
    }

    RecordTraceability(TraceabilityChecker checker) {
        this.checker = checker;
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of(AUTHSERV_ID));
        authservId = getInitParameter(AUTHSERV_ID, HostNames.local()).trim();
        if (!AuthenticationResultsHeader.isValidAuthservId(authservId)) {
            throw new MessagingException("Invalid '" + AUTHSERV_ID + "': '" + authservId + "' (a host name is expected)");
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Optional<String> result = TraceAttributes.ensureResult(mail, checker);
        if (result.isEmpty()) {
            return;
        }
        String detail = TraceAttributes.string(mail, TraceAttributes.DETAIL).orElse("");
        String reason = TraceAttributes.string(mail, TraceAttributes.REASON).orElse("");
        String domain = TraceAttributes.string(mail, TraceAttributes.DOMAIN).orElse("");
        String spf = TraceAttributes.string(mail, TraceAttributes.SPF).orElse(null);
        boolean nullSender = mail.getMaybeSender().isNullSender();

        MimeMessage message = mail.getMessage();
        removeForgedResults(message);
        message.removeHeader(TRACE_HEADER);
        message.addHeader(AuthenticationResultsHeader.NAME, AuthenticationResultsHeader.value(authservId,
            TraceResult.fromCode(result.get()).authResultsCode(), detail, domain, spf, nullSender, AuthenticationAttributes.results(mail)));
        message.addHeader(TRACE_HEADER, "result=" + result.get() + "; reason=" + reason + "; domain="
            + AuthenticationResultsHeader.safeToken(domain) + "; detail=\"" + AuthenticationResultsHeader.comment(detail) + "\"");
        // Headers only: no saveChanges(), which would re-read a multipart body for nothing.
    }

    private void removeForgedResults(MimeMessage message) throws MessagingException {
        String[] existing = message.getHeader(AuthenticationResultsHeader.NAME);
        if (existing == null) {
            return;
        }
        String ours = authservId.toLowerCase(Locale.ROOT);
        message.removeHeader(AuthenticationResultsHeader.NAME);
        for (String value : existing) {
            if (!AuthenticationResultsHeader.authservIdOf(value).equals(ours)) {
                message.addHeader(AuthenticationResultsHeader.NAME, value);
            }
        }
    }

    @Override
    public String getMailetInfo() {
        return "Record Traceability";
    }
}
