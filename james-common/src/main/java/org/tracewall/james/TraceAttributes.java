package org.tracewall.james;

import java.util.Optional;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.tracewall.core.net.IpAddresses;
import org.tracewall.core.score.KnownSymbol;
import org.tracewall.core.trace.TraceReason;
import org.tracewall.core.trace.TraceResult;
import org.tracewall.core.trace.TraceVerdict;
import org.tracewall.core.trace.TraceabilityChecker;

/**
 * The mail attributes that carry a traceability verdict from the SMTP hook (or the mailet
 * that computed it) to matchers and annotating mailets. All values are strings.
 */
public final class TraceAttributes {
    public static final AttributeName RESULT = AttributeName.of(Tracewall.NAMESPACE + ".trace.result");
    public static final AttributeName REASON = AttributeName.of(Tracewall.NAMESPACE + ".trace.reason");
    public static final AttributeName DETAIL = AttributeName.of(Tracewall.NAMESPACE + ".trace.detail");
    public static final AttributeName DOMAIN = AttributeName.of(Tracewall.NAMESPACE + ".trace.domain");
    public static final AttributeName SPF = AttributeName.of(Tracewall.NAMESPACE + ".trace.spf");
    private static final AttributeName SMTP_IS_AUTH_NETWORK = AttributeName.of("org.apache.james.SMTPIsAuthNetwork");

    private TraceAttributes() {
    }

    public static void store(Mail mail, TraceVerdict verdict) {
        mail.setAttribute(new Attribute(RESULT, AttributeValue.of(verdict.result().code())));
        mail.setAttribute(new Attribute(REASON, AttributeValue.of(verdict.reason().code())));
        mail.setAttribute(new Attribute(DETAIL, AttributeValue.of(verdict.detail())));
        mail.setAttribute(new Attribute(DOMAIN, AttributeValue.of(verdict.domain())));
        verdict.spf().ifPresent(spf -> mail.setAttribute(new Attribute(SPF, AttributeValue.of(spf.result().code()))));
        ScoreSymbols.add(mail, KnownSymbol.of(verdict.result()).symbol(1.0, verdict.reason().code()));
    }

    /**
     * The verdict's result code for this mail: the one stored by the SMTP hook, or (when the
     * mail came over SMTP without it, e.g. in annotate mode) computed now and stored.
     * Empty for mail that did not come over SMTP.
     */
    public static Optional<String> ensureResult(Mail mail, TraceabilityChecker checker) {
        Optional<String> stored = result(mail);
        if (stored.isPresent()) {
            return stored;
        }
        return MailTraceRequests.of(mail).map(request -> {
            TraceVerdict verdict = isFromAuthorizedNetwork(mail)
                ? new TraceVerdict(TraceResult.TRACEABLE, TraceReason.TRUSTED_NETWORK,
                    "authorized network " + IpAddresses.readable(request.clientIp()), request.identityDomain(), null)
                : checker.check(request);
            store(mail, verdict);
            return verdict.result().code();
        });
    }

    /** James marks mail from its {@code authorizedAddresses} with this attribute (see SMTPIsAuthNetwork). */
    public static boolean isFromAuthorizedNetwork(Mail mail) {
        return mail.getAttribute(SMTP_IS_AUTH_NETWORK).map(Attribute::getValue).map(AttributeValue::value)
            .map(Boolean.TRUE::equals).orElse(false);
    }

    /** The stored result code ("traceable", "untraceable", "unknown", "temperror"). */
    public static Optional<String> result(Mail mail) {
        return string(mail, RESULT);
    }

    public static Optional<String> string(Mail mail, AttributeName name) {
        return value(mail, name, String.class);
    }

    /** An attribute's value when it has the given type; empty when absent or of another type. */
    public static <T> Optional<T> value(Mail mail, AttributeName name, Class<T> type) {
        return mail.getAttribute(name).map(Attribute::getValue).map(AttributeValue::value)
            .filter(type::isInstance).map(type::cast);
    }
}
