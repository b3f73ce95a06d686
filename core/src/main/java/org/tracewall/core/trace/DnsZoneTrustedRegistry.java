package org.tracewall.core.trace;

import java.net.InetAddress;
import java.util.Objects;

import org.tracewall.core.dns.DnsAnswer;
import org.tracewall.core.dns.DnsResolver;
import org.tracewall.core.dns.DnsStatus;

/**
 * A registry published as a DNS zone, like a DNS allow list: {@code <domain>.<zone>} has an
 * A record 127.0.0.2 for a trusted domain and 127.0.0.3 for an untrusted one; NXDOMAIN means
 * unlisted. A DNS failure is {@code UNAVAILABLE}, never a verdict.
 */
public final class DnsZoneTrustedRegistry implements TrustedRegistry {
    private final DnsResolver dns;
    private final String zone;

    public DnsZoneTrustedRegistry(DnsResolver dns, String zone) {
        this.dns = Objects.requireNonNull(dns, "dns");
        this.zone = zone.endsWith(".") ? zone.substring(0, zone.length() - 1) : zone;
    }

    @Override
    public Answer lookup(String domain) {
        DnsAnswer<InetAddress> answer = dns.addresses(domain + "." + zone, false);
        if (answer.status() == DnsStatus.TEMPORARY_FAILURE || answer.status() == DnsStatus.PERMANENT_FAILURE) {
            return Answer.UNAVAILABLE;
        }
        for (InetAddress address : answer.records()) {
            String text = address.getHostAddress();
            if ("127.0.0.2".equals(text)) {
                return Answer.TRUSTED;
            }
            if ("127.0.0.3".equals(text)) {
                return Answer.UNTRUSTED;
            }
        }
        return Answer.UNLISTED;
    }

    @Override
    public String describe() {
        return "zone " + zone;
    }
}
