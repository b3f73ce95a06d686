package org.tracewall.james;

import javax.inject.Inject;

import org.apache.james.core.Domain;
import org.apache.james.core.Username;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.rrt.api.CanSendFrom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.trace.SenderBinding;

/** {@link SenderBinding} with James's domain list and its alias-aware {@link CanSendFrom} rules. */
public final class JamesSenderBinding {
    private static final Logger LOGGER = LoggerFactory.getLogger(JamesSenderBinding.class);

    private final SenderBinding binding;
    private final DomainList domainList;

    @Inject
    public JamesSenderBinding(DomainList domainList, CanSendFrom canSendFrom) {
        this.domainList = domainList;
        this.binding = new SenderBinding(domain -> isLocal(domainList, domain),
            (user, address) -> canSend(canSendFrom, user, address));
    }

    public SenderBinding binding() {
        return binding;
    }

    /** Whether a domain is one of this server's (James's domain list). */
    public boolean isLocalDomain(String domain) {
        return isLocal(domainList, domain);
    }

    /**
     * Header addresses are read leniently ({@code "john doe"@host}, an empty local part): one James
     * cannot even name as a user is not one the user may send as.
     */
    private static boolean canSend(CanSendFrom canSendFrom, String user, String address) {
        try {
            return canSendFrom.userCanSendFrom(Username.of(user), Username.of(address));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isLocal(DomainList domainList, String domain) {
        try {
            return domainList.containsDomain(Domain.of(domain));
        } catch (DomainListException | IllegalArgumentException e) {
            // Cannot tell: treat as external so that the external check still applies.
            LOGGER.warn("Cannot check whether {} is local: {}", domain, e.toString());
            return false;
        }
    }
}
