package org.tracewall.core.dnsbl;

import java.util.List;

import org.tracewall.core.domain.PublicSuffixList;

/**
 * The URL block lists ({@code dnsbl.list.<name>.type=url}) asked about the links of one message:
 * the link hosts reduced by {@link UrlListNames}, at most {@code dnsbl.urlDomains} of them, every
 * list and name at once.
 */
public final class UrlListCheck {
    private final DnsListChecker checker;
    private final PublicSuffixList psl;
    private final int maxNames;

    public UrlListCheck(DnsListChecker checker, PublicSuffixList psl, int maxNames) {
        this.checker = checker;
        this.psl = psl;
        this.maxNames = maxNames;
    }

    public boolean isConfigured() {
        return checker.hasUrlLists();
    }

    /** @param linkHosts the hosts of the message's links, as the text extraction found them */
    public DnsListVerdict check(List<String> linkHosts) {
        return checker.checkUrls(UrlListNames.of(linkHosts, psl, maxNames));
    }
}
