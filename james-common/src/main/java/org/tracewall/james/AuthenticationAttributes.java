package org.tracewall.james;

import java.util.ArrayList;
import java.util.List;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.tracewall.core.dkim.DkimResult;
import org.tracewall.core.dmarc.DmarcPolicy;
import org.tracewall.core.dmarc.DmarcResult;
import org.tracewall.core.trace.AuthenticationResultsHeader;

/**
 * The DKIM and DMARC results of a mail, from the end-of-DATA check to the mailet that writes
 * Authentication-Results: the result entries already in header form, one per line, and a mark
 * for the quarantine processor when the From domain's DMARC policy asks for quarantine. Strings
 * only, so that James can keep them in any mail queue.
 */
public final class AuthenticationAttributes {
    public static final AttributeName RESULTS = AttributeName.of(Tracewall.NAMESPACE + ".auth.results");
    /** Present (the From domain) when the mail is to be quarantined by DMARC policy. */
    public static final AttributeName DMARC_QUARANTINE = AttributeName.of(Tracewall.NAMESPACE + ".dmarc.quarantine");

    private AuthenticationAttributes() {
    }

    public static void store(Mail mail, List<DkimResult> dkim, DmarcResult dmarc) {
        List<String> entries = new ArrayList<>();
        if (dkim.isEmpty()) {
            entries.add("dkim=none");
        }
        dkim.forEach(result -> entries.add(AuthenticationResultsHeader.dkim(result)));
        entries.add(AuthenticationResultsHeader.dmarc(dmarc));
        mail.setAttribute(new Attribute(RESULTS, AttributeValue.of(String.join("\n", entries))));
    }

    public static void markForQuarantine(Mail mail, DmarcResult dmarc) {
        if (dmarc.disposition() == DmarcPolicy.QUARANTINE || dmarc.disposition() == DmarcPolicy.REJECT) {
            mail.setAttribute(new Attribute(DMARC_QUARANTINE, AttributeValue.of(dmarc.fromDomain())));
        }
    }

    /** The entries to append to Authentication-Results; empty when the check did not run. */
    public static List<String> results(Mail mail) {
        return TraceAttributes.string(mail, RESULTS).map(value -> List.of(value.split("\n"))).orElse(List.of());
    }
}
