package org.tracewall.core.trace;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.tracewall.core.dkim.DkimResult;
import org.tracewall.core.dns.DnsAnswer;
import org.tracewall.core.dns.DnsResolver;
import org.tracewall.core.dns.DnsStatus;
import org.tracewall.core.dns.MxRecord;
import org.tracewall.core.domain.DomainNames;
import org.tracewall.core.domain.PublicSuffixList;
import org.tracewall.core.net.IpAddresses;
import org.tracewall.core.net.IpNetwork;
import org.tracewall.core.spf.SpfEvaluator;
import org.tracewall.core.spf.SpfResult;
import org.tracewall.core.spf.SpfVerdict;

/**
 * The external traceability check (DESIGN.md, "The traceability check"):
 * registry, compensation list, SPF when published, otherwise the first-step heuristic (MX
 * and A/AAAA addresses of the domain and their neighbourhood, forward-confirmed reverse DNS
 * under the domain's organizational domain). Thread-safe; no James types.
 */
public final class TraceabilityChecker {
    private static final int MAX_MX_HOSTS = 10;
    private static final int MAX_PTR_NAMES = 10;

    private final DnsResolver dns;
    private final SpfEvaluator spf;
    private final TraceabilityConfig config;
    private final TrustedRegistry registry;
    private final CompensationList compensation;
    private static final Set<TraceReason> SIGNATURE_CAN_TRACE = EnumSet.of(TraceReason.SPF_FAIL, TraceReason.SPF_SOFTFAIL,
        TraceReason.SPF_NEUTRAL, TraceReason.SPF_PERMERROR, TraceReason.NO_EVIDENCE);

    private final PublicSuffixList psl;

    public TraceabilityChecker(DnsResolver dns, SpfEvaluator spf, TraceabilityConfig config, TrustedRegistry registry,
                               CompensationList compensation, PublicSuffixList psl) {
        this.dns = Objects.requireNonNull(dns, "dns");
        this.spf = Objects.requireNonNull(spf, "spf");
        this.config = Objects.requireNonNull(config, "config");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.compensation = Objects.requireNonNull(compensation, "compensation");
        this.psl = Objects.requireNonNull(psl, "psl");
    }

    /**
     * Builds the checker a configuration describes: registry file and/or zone, compensation
     * file, the bundled or the configured public suffix list.
     *
     * @throws IOException if the configured public suffix list cannot be read
     */
    public static TraceabilityChecker fromConfig(DnsResolver dns, TraceabilityConfig config) throws IOException {
        List<TrustedRegistry> registries = new ArrayList<>();
        config.registryFile().ifPresent(path -> registries.add(new FileTrustedRegistry(path)));
        config.registryZone().ifPresent(zone -> registries.add(new DnsZoneTrustedRegistry(dns, zone)));
        TrustedRegistry registry = registries.isEmpty() ? TrustedRegistry.none() : new CompositeTrustedRegistry(registries);
        CompensationList compensation = config.compensationFile().map(CompensationList::new).orElse(CompensationList.none());
        PublicSuffixList psl = config.pslFile().isPresent() ? PublicSuffixList.load(config.pslFile().get()) : PublicSuffixList.bundled();
        return new TraceabilityChecker(dns, new SpfEvaluator(dns), config, registry, compensation, psl);
    }

    /**
     * This checker with the operator's run-time registry and compensation entries (in the state
     * store, shared by every node) asked before the files' and the registry zone's.
     */
    public TraceabilityChecker withShared(SharedTraceEntries shared) {
        return new TraceabilityChecker(dns, spf, config, new CompositeTrustedRegistry(List.of(shared.asRegistry(), registry)),
            compensation.withShared(shared), psl);
    }

    public TraceabilityConfig config() {
        return config;
    }

    public CompensationList compensation() {
        return compensation;
    }

    /**
     * Traceability's evidence from the message itself: an untraceable verdict whose domain signed
     * the message with DKIM (a verified signature whose d= has the claimed domain's organizational
     * domain, not from a testing key) becomes traceable. A key in the domain's DNS signing this
     * very message traces it to the domain as surely as an SPF pass traces the IP. Not for a null
     * MX, a domain that does not exist or is not valid, or one the registry distrusts: there the
     * operator or the domain itself has said no.
     */
    public Optional<TraceVerdict> tracedBySignature(TraceVerdict verdict, List<DkimResult> signatures) {
        if (!signatureCanTrace(verdict)) {
            return Optional.empty();
        }
        String claimed = psl.organizationalDomain(verdict.domain()).orElse(verdict.domain());
        return signatures.stream()
            .filter(s -> s.isPass() && !s.testing() && claimed.equals(psl.organizationalDomain(s.domain()).orElse(s.domain())))
            .findFirst()
            .map(s -> new TraceVerdict(TraceResult.TRACEABLE, TraceReason.DKIM_SIGNED, "dkim d=" + s.domain() + " s=" + s.selector(),
                verdict.domain(), verdict.spf().orElse(null)));
    }

    /** Whether a DKIM signature could still trace this verdict's mail ({@link #tracedBySignature}). */
    public boolean signatureCanTrace(TraceVerdict verdict) {
        return verdict.result() == TraceResult.UNTRACEABLE && SIGNATURE_CAN_TRACE.contains(verdict.reason());
    }

    /** The public suffix list it finds organizational domains with (DMARC alignment uses the same). */
    public PublicSuffixList publicSuffixList() {
        return psl;
    }

    public TraceVerdict check(TraceRequest request) {
        String domain = request.identityDomain();
        InetAddress ip = IpNetwork.normalize(request.clientIp());
        if (request.authUser().isPresent()) {
            // Internal traceability: the AUTH identity traces the mail (SenderBinding checks the address).
            return new TraceVerdict(TraceResult.TRACEABLE, TraceReason.AUTHENTICATED,
                "authenticated as " + printable(request.authUser().get()), printable(domain), null);
        }
        if (!DomainNames.isHostName(domain)) {
            // SPF's own answer goes with it (none for a malformed or unqualified domain, RFC 7208 4.3),
            // so a report of the verdict shows the SPF result of every check, as the SPF suite expects.
            return new TraceVerdict(TraceResult.UNTRACEABLE, TraceReason.INVALID_DOMAIN,
                "'" + printable(domain) + "' is not a fully qualified domain name", printable(domain),
                spf.checkMailFrom(ip, request.mailFrom(), request.helo()));
        }
        TrustedRegistry.Answer listed = registry.lookup(domain);
        if (listed == TrustedRegistry.Answer.TRUSTED) {
            return new TraceVerdict(TraceResult.TRACEABLE, TraceReason.REGISTRY_TRUSTED,
                "registry: " + domain + " trusted (" + registry.describe() + ")", domain, null);
        }
        if (listed == TrustedRegistry.Answer.UNTRUSTED) {
            return new TraceVerdict(TraceResult.UNTRACEABLE, TraceReason.REGISTRY_UNTRUSTED,
                "registry: " + domain + " untrusted (" + registry.describe() + ")", domain, null);
        }
        Optional<IpNetwork> compensated = compensation.find(domain, ip);
        if (compensated.isPresent()) {
            return new TraceVerdict(TraceResult.TRACEABLE, TraceReason.COMPENSATED,
                "compensated " + compensated.get() + " for " + domain, domain, null);
        }
        SpfVerdict spfVerdict = spf.checkMailFrom(ip, request.mailFrom(), request.helo());
        if (spfVerdict.result() == SpfResult.NONE) {
            return heuristic(domain, ip, spfVerdict);
        }
        if (spfVerdict.result() == SpfResult.PASS && isNullMx(dns.mx(domain))) {
            return nullMx(domain, spfVerdict);
        }
        return fromSpf(domain, spfVerdict);
    }

    /**
     * RFC 7505: one MX of preference 0 whose exchange is the root, "this domain accepts no mail". A
     * sender there can be sent no reply nor bounce, which is what untraceable means, whatever its
     * addresses or SPF say.
     */
    private static boolean isNullMx(DnsAnswer<MxRecord> mx) {
        return mx.isOk() && mx.records().size() == 1 && ".".equals(mx.records().get(0).exchange());
    }

    private static TraceVerdict nullMx(String domain, SpfVerdict spfVerdict) {
        return new TraceVerdict(TraceResult.UNTRACEABLE, TraceReason.NULL_MX,
            domain + " publishes a null MX (RFC 7505): it accepts no mail, so no reply can reach the sender", domain, spfVerdict);
    }

    private TraceVerdict fromSpf(String domain, SpfVerdict verdict) {
        switch (verdict.result()) {
            case PASS:
                return new TraceVerdict(TraceResult.TRACEABLE, TraceReason.SPF_PASS, "spf-pass " + verdict.detail(), domain, verdict);
            case FAIL:
                return new TraceVerdict(TraceResult.UNTRACEABLE, TraceReason.SPF_FAIL,
                    "spf-fail: " + verdict.explanation().orElse(verdict.detail()), domain, verdict);
            case TEMPERROR:
                return new TraceVerdict(TraceResult.TEMPERROR, TraceReason.SPF_TEMPERROR,
                    "spf-temperror: " + verdict.detail(), domain, verdict);
            case SOFTFAIL:
                return new TraceVerdict(config.mapSpf(SpfResult.SOFTFAIL), TraceReason.SPF_SOFTFAIL,
                    "spf-softfail " + verdict.detail(), domain, verdict);
            case NEUTRAL:
                return new TraceVerdict(config.mapSpf(SpfResult.NEUTRAL), TraceReason.SPF_NEUTRAL,
                    "spf-neutral " + verdict.detail(), domain, verdict);
            default:
                return new TraceVerdict(config.mapSpf(SpfResult.PERMERROR), TraceReason.SPF_PERMERROR,
                    "spf-permerror: " + verdict.detail(), domain, verdict);
        }
    }

    /** The first-step heuristic, for domains without SPF. */
    private TraceVerdict heuristic(String domain, InetAddress ip, SpfVerdict spfVerdict) {
        boolean ipv6 = !IpNetwork.isIpv4(ip);
        int prefix = ipv6 ? config.neighbourhoodV6() : config.neighbourhoodV4();
        boolean temporaryTrouble = false;
        List<String[]> hosts = new ArrayList<>();
        DnsAnswer<MxRecord> mx = dns.mx(domain);
        if (isNullMx(mx)) {
            return nullMx(domain, spfVerdict);
        }
        temporaryTrouble |= mx.isTemporaryFailure();
        for (MxRecord record : mx.records().subList(0, Math.min(MAX_MX_HOSTS, mx.records().size()))) {
            if (!".".equals(record.exchange())) {
                hosts.add(new String[] {"mx", record.exchange()});
            }
        }
        hosts.add(new String[] {"a", domain});
        String neighbour = null;
        boolean domainExists = mx.isOk() || mx.status() == DnsStatus.NO_DATA;
        for (String[] host : hosts) {
            DnsAnswer<InetAddress> addresses = dns.addresses(host[1], ipv6);
            temporaryTrouble |= addresses.isTemporaryFailure();
            if (host[0].equals("a") && addresses.status() != DnsStatus.NO_SUCH_NAME) {
                domainExists |= addresses.status() != DnsStatus.TEMPORARY_FAILURE;
            }
            for (InetAddress address : addresses.records()) {
                if (IpNetwork.normalize(address).equals(ip)) {
                    TraceReason reason = host[0].equals("mx") ? TraceReason.MX_HOST : TraceReason.A_HOST;
                    return new TraceVerdict(TraceResult.TRACEABLE, reason, reason.code() + " " + host[1], domain, spfVerdict);
                }
                if (neighbour == null && IpNetwork.of(address, prefix).contains(ip)) {
                    neighbour = host[0] + "-neighbour /" + prefix + " of " + host[1];
                }
            }
        }
        if (neighbour != null) {
            TraceReason reason = neighbour.startsWith("mx") ? TraceReason.MX_NEIGHBOUR : TraceReason.A_NEIGHBOUR;
            return new TraceVerdict(TraceResult.TRACEABLE, reason, neighbour, domain, spfVerdict);
        }
        if (config.fcrdns()) {
            DnsAnswer<String> ptr = dns.ptr(ip);
            temporaryTrouble |= ptr.isTemporaryFailure();
            Optional<String> confirmed = forwardConfirmed(domain, ip, ptr.records());
            if (confirmed.isPresent()) {
                return new TraceVerdict(TraceResult.TRACEABLE, TraceReason.FCRDNS, "fcrdns " + confirmed.get(), domain, spfVerdict);
            }
        }
        String client = IpAddresses.readable(ip);
        if (temporaryTrouble) {
            return new TraceVerdict(TraceResult.TEMPERROR, TraceReason.DNS_TEMPERROR,
                "temporary DNS failure while tracing " + client + " to " + domain, domain, spfVerdict);
        }
        if (!domainExists) {
            return new TraceVerdict(TraceResult.UNTRACEABLE, TraceReason.NO_SUCH_DOMAIN,
                domain + " does not exist in the DNS", domain, spfVerdict);
        }
        return new TraceVerdict(TraceResult.UNTRACEABLE, TraceReason.NO_EVIDENCE,
            client + " is not an MX or A/AAAA address of " + domain + " nor within /" + prefix
                + " of one, and has no forward-confirmed PTR under " + psl.organizationalDomain(domain).orElse(domain)
                + "; " + domain + " publishes no SPF", domain, spfVerdict);
    }

    /** A PTR name under the domain's organizational domain whose A/AAAA leads back to the client. */
    private Optional<String> forwardConfirmed(String domain, InetAddress ip, List<String> names) {
        for (String name : names.subList(0, Math.min(MAX_PTR_NAMES, names.size()))) {
            if (!psl.sameOrganization(name, domain)) {
                continue;
            }
            DnsAnswer<InetAddress> forward = dns.addresses(name, !IpNetwork.isIpv4(ip));
            if (forward.records().stream().anyMatch(a -> IpNetwork.normalize(a).equals(ip))) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    /** Attacker-controlled text reduced to printable ASCII before it goes into a detail or header. */
    static String printable(String text) {
        StringBuilder sb = new StringBuilder();
        for (char c : text.toCharArray()) {
            sb.append(c >= 0x21 && c < 0x7f && c != '"' && c != '\\' && c != '(' && c != ')' && c != ';' ? c : '?');
            if (sb.length() >= 100) {
                break;
            }
        }
        return sb.toString();
    }
}
