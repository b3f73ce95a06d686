package org.tracewall.core.alert;

import java.util.Locale;

/** What an alert is about; its code names it in the webhook's JSON and the mail's subject. */
public enum AlertKind {
    REJECTED_SHARE, FAIL_OPEN, QUEUE_GROWTH, OWN_ADDRESS_LISTED;

    /** "rejected-share". */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
