package org.tracewall.james.smtp;

/** What an SMTP hook does with a verdict: refuse for good, ask to retry, or let the mail in (marked). */
public enum HookAction {
    REJECT, DEFER, ACCEPT
}
