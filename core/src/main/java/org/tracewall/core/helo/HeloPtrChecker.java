package org.tracewall.core.helo;

import java.net.InetAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.tracewall.core.dns.DnsAnswer;
import org.tracewall.core.dns.DnsResolver;
import org.tracewall.core.dns.DnsStatus;
import org.tracewall.core.domain.DomainNames;
import org.tracewall.core.net.IpAddresses;
import org.tracewall.core.net.IpNetwork;

/**
 * The checks of a sending host: HELO must be a fully qualified name that resolves (or the
 * client's own address literal); the client must have a PTR; a PTR name must resolve back to the
 * client (forward-confirmed); HELO should be that name. Each failed check is a named
 * {@link HeloPtrResult}; a DNS failure is never a finding (the verdict is then marked incomplete).
 */
public final class HeloPtrChecker {
    private static final int MAX_PTR_NAMES = 10;

    private final DnsResolver dns;

    public HeloPtrChecker(DnsResolver dns) {
        this.dns = Objects.requireNonNull(dns);
    }

    public HeloPtrVerdict check(InetAddress client, String helo) {
        InetAddress ip = IpNetwork.normalize(client);
        boolean ipv6 = !IpNetwork.isIpv4(ip);
        String name = helo == null ? "" : helo.trim().toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        Set<HeloPtrResult> findings = EnumSet.noneOf(HeloPtrResult.class);
        boolean incomplete = false;

        boolean literal = name.startsWith("[") && name.endsWith("]");
        boolean asksHelo = !literal && isFqdn(name);
        // The HELO name's addresses and the client's PTR are independent: all three in flight at
        // once, so that a new client costs one round trip here, not three.
        CompletableFuture<DnsAnswer<InetAddress>> heloA = asksHelo ? dns.addressesAsync(name, false) : null;
        CompletableFuture<DnsAnswer<InetAddress>> heloAaaa = asksHelo ? dns.addressesAsync(name, true) : null;
        CompletableFuture<DnsAnswer<String>> ptrAnswer = dns.ptrAsync(ip);
        if (literal) {
            if (!matchesLiteral(name.substring(1, name.length() - 1), ip)) {
                findings.add(HeloPtrResult.HELO_LITERAL_MISMATCH);
            }
        } else if (!isFqdn(name)) {
            findings.add(HeloPtrResult.HELO_NOT_FQDN);
        } else {
            DnsAnswer<InetAddress> a = heloA.join();
            DnsAnswer<InetAddress> aaaa = a.status() == DnsStatus.NO_SUCH_NAME ? a : heloAaaa.join();
            if (a.isTemporaryFailure() || aaaa.isTemporaryFailure()) {
                incomplete = true;
            } else if (!a.isOk() && !aaaa.isOk()) {
                findings.add(HeloPtrResult.HELO_UNRESOLVABLE);
            }
        }

        String confirmed = null;
        DnsAnswer<String> ptr = ptrAnswer.join();
        if (ptr.isTemporaryFailure()) {
            incomplete = true;
        } else if (!ptr.isOk()) {
            findings.add(HeloPtrResult.NO_PTR);
        } else {
            List<String> names = ptr.records();
            // Every candidate's addresses at once (at most MAX_PTR_NAMES): one more round trip, not one each.
            List<CompletableFuture<DnsAnswer<InetAddress>>> forwards = names.subList(0, Math.min(MAX_PTR_NAMES, names.size()))
                .stream().map(candidate -> dns.addressesAsync(candidate, ipv6)).collect(Collectors.toList());
            for (int i = 0; i < forwards.size(); i++) {
                String candidate = names.get(i);
                DnsAnswer<InetAddress> forward = forwards.get(i).join();
                incomplete |= forward.isTemporaryFailure();
                if (forward.records().stream().anyMatch(address -> IpNetwork.normalize(address).equals(ip))) {
                    confirmed = candidate.toLowerCase(Locale.ROOT);
                    break;
                }
            }
            if (confirmed == null && !incomplete) {
                findings.add(HeloPtrResult.PTR_NOT_CONFIRMED);
            }
        }
        if (!literal && confirmed != null && !confirmed.equals(name)) {
            findings.add(HeloPtrResult.HELO_PTR_MISMATCH);
        }
        return new HeloPtrVerdict(findings, confirmed, incomplete);
    }

    private static boolean matchesLiteral(String literal, InetAddress ip) {
        String value = literal.regionMatches(true, 0, "IPv6:", 0, 5) ? literal.substring(5) : literal;
        try {
            return IpNetwork.normalize(IpAddresses.parseLiteral(value)).equals(ip);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A host name whose last label is not all digits (192.0.2.1 without brackets is no name). */
    private static boolean isFqdn(String name) {
        if (!DomainNames.isHostName(name)) {
            return false;
        }
        String last = name.substring(name.lastIndexOf('.') + 1);
        return !last.chars().allMatch(Character::isDigit);
    }
}
