package org.tracewall.james.testing;

import java.util.List;

import org.apache.james.core.Domain;
import org.apache.james.domainlist.api.DomainList;

/** James's domain list with the one local domain, tracewall.local, read only. */
public final class FakeDomainList implements DomainList {
    private static final Domain LOCAL = Domain.of("tracewall.local");

    @Override
    public List<Domain> getDomains() {
        return List.of(LOCAL);
    }

    @Override
    public boolean containsDomain(Domain domain) {
        return LOCAL.equals(domain);
    }

    @Override
    public void addDomain(Domain domain) {
        throw new UnsupportedOperationException("read only");
    }

    @Override
    public void removeDomain(Domain domain) {
        throw new UnsupportedOperationException("read only");
    }

    @Override
    public Domain getDefaultDomain() {
        return LOCAL;
    }
}
