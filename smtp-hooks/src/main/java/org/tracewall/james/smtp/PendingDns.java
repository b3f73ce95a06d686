package org.tracewall.james.smtp;

import java.net.InetAddress;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.dns.PendingLookups;
import org.tracewall.core.net.IpAddresses;

/**
 * Runs a hook's DNS-bound check within the {@code dns.pendingPerNetwork} / {@code dns.pendingPerZone}
 * / {@code dns.pendingTotal} bounds ({@link PendingLookups}): past them the session gets
 * {@code 451 4.4.5} at once instead of holding one of James's network threads while it waits.
 */
final class PendingDns {
    private static final Logger LOGGER = LoggerFactory.getLogger(PendingDns.class);

    private PendingDns() {
    }

    /**
     * @param domain the domain the check asks about (the sender's, the recipient's), or null when it
     *               asks about the client's address only
     */
    static HookResult guarded(PendingLookups pending, SMTPSession session, String domain, Supplier<HookResult> check) {
        InetAddress client = session.getRemoteAddress().getAddress();
        Optional<PendingLookups.Permit> permit = pending.tryEnter(client, domain);
        if (permit.isEmpty()) {
            LOGGER.info("dns-busy ip={} domain={}: too many sessions waiting on DNS, deferred",
                IpAddresses.readable(client), SmtpText.safe(String.valueOf(domain)));
            return HookResult.builder().hookReturnCode(HookReturnCode.denySoft())
                .smtpReturnCode(SMTPRetCode.LOCAL_ERROR)
                .smtpDescription(DSNStatus.getStatus(DSNStatus.TRANSIENT, DSNStatus.NETWORK_CONGESTION)
                    + " Too many sessions are waiting for DNS answers; please try again later")
                .build();
        }
        try (PendingLookups.Permit held = permit.get()) {
            return check.get();
        }
    }
}
