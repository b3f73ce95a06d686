package org.tracewall.core.dnsbl;

import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.tracewall.core.dns.DnsResolver;
import org.tracewall.core.domain.PublicSuffixList;

/**
 * The DNS lists in effect and what is built from them, made at once from one reading of
 * {@code dnsbl.*} (the file's, or with the operator's run-time changes): the checker, the
 * threshold its weights are summed against, and the check of the message's links.
 */
public final class ActiveDnsLists {
    private final DnsListConfig config;
    private final DnsListChecker checker;
    private final UrlListCheck urlLists;

    private ActiveDnsLists(DnsListConfig config, DnsListChecker checker, UrlListCheck urlLists) {
        this.config = config;
        this.checker = checker;
        this.urlLists = urlLists;
    }

    /** @param errorAnswers the error-answer counts by zone, the same map each time, so that a change of lists keeps them */
    public static ActiveDnsLists of(Map<String, String> properties, DnsResolver dns, PublicSuffixList psl, Map<String, LongAdder> errorAnswers) {
        DnsListConfig config = DnsListConfig.fromProperties(properties);
        DnsListChecker checker = new DnsListChecker(dns, config.lists(), errorAnswers);
        return new ActiveDnsLists(config, checker, new UrlListCheck(checker, psl, config.urlDomains()));
    }

    public DnsListChecker checker() {
        return checker;
    }

    public double threshold() {
        return config.threshold();
    }

    public UrlListCheck urlLists() {
        return urlLists;
    }
}
