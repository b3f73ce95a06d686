package org.tracewall.james.smtp;

import java.util.function.Supplier;

import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.dns.PendingLookups;

/**
 * Runs a hook's DNS-bound check within the {@code dns.pendingPerClient} / {@code dns.pendingTotal}
 * bounds ({@link PendingLookups}): past them the session gets {@code 451 4.7.0} at once instead of
 * holding one of James's network threads while it waits.
 */
final class PendingDns {
    private static final Logger LOGGER = LoggerFactory.getLogger(PendingDns.class);

    private PendingDns() {
    }

    static HookResult guarded(PendingLookups pending, SMTPSession session, Supplier<HookResult> check) {
        String client = session.getRemoteAddress().getAddress().getHostAddress();
        if (!pending.tryEnter(client)) {
            LOGGER.info("dns-busy client={}: too many sessions waiting on DNS, deferred", client);
            return HookResult.builder().hookReturnCode(HookReturnCode.denySoft())
                .smtpReturnCode(SMTPRetCode.LOCAL_ERROR)
                .smtpDescription(DSNStatus.getStatus(DSNStatus.TRANSIENT, DSNStatus.NETWORK_CONGESTION)
                    + " Too many sessions are waiting for DNS answers; please try again later")
                .build();
        }
        try {
            return check.get();
        } finally {
            pending.exit(client);
        }
    }
}
