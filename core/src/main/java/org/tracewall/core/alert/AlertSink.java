package org.tracewall.core.alert;

import java.io.IOException;

/** Where alerts go: a webhook, the operators' mailboxes. */
public interface AlertSink {
    /** @throws IOException when it could not be handed over (the monitor logs it and goes on with the other sinks) */
    void send(Alert alert) throws IOException;

    /** For the start-up log and the alert log line: "webhook https://...", "mail to ops@example.com". */
    String describe();
}
